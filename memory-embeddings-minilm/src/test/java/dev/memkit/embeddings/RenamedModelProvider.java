package dev.memkit.embeddings;

import dev.memkit.core.port.out.Embedder;
import dev.memkit.core.port.out.EmbedderProvider;
import java.util.List;
import java.util.Map;

/**
 * The real model under another id, standing for "a newer model": its vectors must not mix with the
 * old ones.
 */
public final class RenamedModelProvider implements EmbedderProvider {
  static final String NAME = "all-minilm-l6-v2-q-renamed";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Embedder load(Map<String, String> settings) {
    Embedder real = new MiniLmEmbedderProvider().load(settings);
    return new Embedder() {
      @Override
      public String modelId() {
        return NAME;
      }

      @Override
      public int dimension() {
        return real.dimension();
      }

      @Override
      public List<float[]> embedAll(List<String> texts) {
        return real.embedAll(texts);
      }
    };
  }
}
