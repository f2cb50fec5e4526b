package dev.memkit.core.port.out;

import java.util.Map;

/**
 * Supplies an embedding model. Registered in {@code
 * META-INF/services/dev.memkit.core.port.out.EmbedderProvider} and found with {@link
 * java.util.ServiceLoader}, as stores and token counters are; with none on the classpath, search is
 * by keywords only.
 */
public interface EmbedderProvider {
  /** The name {@code MEMKIT_EMBEDDER} selects this provider by, e.g. {@code all-minilm-l6-v2-q}. */
  String name();

  /**
   * Loads the model. This may take a second or more, so the core calls it off the caller's thread
   * (a server starts answering at once, by keywords, until the model is ready).
   *
   * @param settings the {@code MEMKIT_*} environment, for the provider's own settings (threads,
   *     directories)
   * @throws dev.memkit.core.error.MemoryException when the model cannot be loaded
   */
  Embedder load(Map<String, String> settings);
}
