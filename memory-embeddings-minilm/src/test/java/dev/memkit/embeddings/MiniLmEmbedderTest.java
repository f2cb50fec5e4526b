package dev.memkit.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.port.out.Embedder;
import dev.memkit.core.search.VectorIndex;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
  private static final Embedder MODEL = new MiniLmEmbedderProvider().load(Map.of());

  @Test
  void vectorsHave384NumbersAndTheSameTextGivesTheSameVector() {
    List<float[]> vectors =
        MODEL.embedAll(List.of("Deployed v1.2 to production", "Deployed v1.2 to production"));
    assertThat(vectors).hasSize(2);
    assertThat(vectors.get(0)).hasSize(384).containsExactly(vectors.get(1));
    assertThat(MODEL.modelId()).isEqualTo("all-minilm-l6-v2-q");
    assertThat(MODEL.dimension()).isEqualTo(384);
  }

  @Test
  void aParaphraseIsCloserThanAnUnrelatedText() {
    float[] question = MODEL.embed("what coffee does she like?");
    double paraphrase = VectorIndex.cosine(question, MODEL.embed("Alice prefers dark roast"));
    double unrelated =
        VectorIndex.cosine(question, MODEL.embed("The build server was rebooted on Tuesday"));
    assertThat(paraphrase).isGreaterThan(unrelated + 0.1);
  }

  @Test
  void theNativeLibrariesAreUnpackedOutsideTheHomeDirectory() {
    assertThat(System.getProperty("onnxruntime.native.path"))
        .doesNotStartWith(System.getProperty("user.home") + "/.");
    assertThat(System.getProperty("ENGINE_CACHE_DIR")).isNotBlank();
  }
}
