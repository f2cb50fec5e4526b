package dev.memkit.core.service;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.Memory;
import dev.memkit.core.port.out.Embedder;
import dev.memkit.core.port.out.MemoryVector;
import dev.memkit.core.search.VectorIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The vectors an index lacks: memories with no vector yet, or one made from an older text. */
final class MissingVectors {
  private MissingVectors() {}

  /**
   * Embeds, in one call of the model, those of {@code memories} whose vector in {@code index} is
   * missing or was made from another text; returns their vectors, in the order of {@code memories}.
   *
   * @throws StoreUnavailableException when the model answers with the wrong number of vectors
   */
  static List<MemoryVector> embed(Embedder embedder, VectorIndex index, List<Memory> memories) {
    List<String> texts = new ArrayList<>();
    List<Memory> todo = new ArrayList<>();
    for (Memory m : memories) {
      String text = SemanticIndex.embeddingText(m);
      OptionalInt hash = index.textHash(m.id().value());
      if (hash.isEmpty() || hash.getAsInt() != text.hashCode()) {
        todo.add(m);
        texts.add(text);
      }
    }
    if (todo.isEmpty()) {
      return List.of();
    }
    List<float[]> vectors = embedder.embedAll(texts);
    if (vectors.size() != texts.size()) {
      throw new StoreUnavailableException(
          "the embedding model returned "
              + vectors.size()
              + " vectors for "
              + texts.size()
              + " texts");
    }
    List<MemoryVector> records = new ArrayList<>(todo.size());
    for (int i = 0; i < todo.size(); i++) {
      records.add(
          new MemoryVector(
              todo.get(i).id(), embedder.modelId(), texts.get(i).hashCode(), vectors.get(i)));
    }
    return records;
  }
}
