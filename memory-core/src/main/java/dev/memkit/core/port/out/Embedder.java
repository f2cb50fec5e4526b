package dev.memkit.core.port.out;

import java.util.List;

/**
 * A sentence-embedding model: turns text into a vector whose cosine with another text's vector says
 * how close their meanings are. Found through an {@link EmbedderProvider}.
 *
 * <p>An embedder is deterministic (the same text gives the same vector), works offline and is safe
 * to call from several threads. Its vectors are only comparable with vectors of the same {@link
 * #modelId()}: a store never mixes vectors of two models.
 */
public interface Embedder {
  /**
   * What model (and version of it) made the vectors, e.g. {@code all-minilm-l6-v2-q}; vectors
   * recorded under another id are re-embedded, never compared.
   */
  String modelId();

  /** How many numbers each vector has, e.g. 384. */
  int dimension();

  /**
   * The vectors of {@code texts}, in their order, each of {@link #dimension()} numbers.
   *
   * @throws dev.memkit.core.error.MemoryException when the model fails
   */
  List<float[]> embedAll(List<String> texts);

  /** The vector of one {@code text}. */
  default float[] embed(String text) {
    return embedAll(List.of(text)).get(0);
  }
}
