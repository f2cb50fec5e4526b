package dev.memkit.embeddings;

import dev.memkit.core.port.out.Embedder;
import dev.memkit.core.port.out.EmbedderProvider;
import java.util.Map;

/**
 * Supplies {@code all-minilm-l6-v2-q}: all-MiniLM-L6-v2 (Apache 2.0), int8-quantized, 384
 * dimensions, run by ONNX Runtime with the model shipped in the jar: no network, deterministic.
 *
 * <p>The model is loaded once per process and shared by every store opened in it (an ONNX session
 * is safe to use from several threads); the settings of the first load apply: {@code
 * MEMKIT_EMBEDDER_THREADS} (ONNX Runtime's intra-op threads, default 1), {@code
 * MEMKIT_EMBEDDER_NATIVE_DIR} (where ONNX Runtime's native libraries are unpacked) and {@code
 * MEMKIT_EMBEDDER_CACHE_DIR} (where the tokenizer's native library is unpacked). Unset, both
 * directories are fresh temporary ones, removed when the process exits.
 */
public final class MiniLmEmbedderProvider implements EmbedderProvider {
  /** The name {@code MEMKIT_EMBEDDER} selects this model by, and the model id its vectors carry. */
  public static final String NAME = "all-minilm-l6-v2-q";

  private static MiniLmEmbedder shared;

  /** Found by {@link java.util.ServiceLoader}. */
  public MiniLmEmbedderProvider() {
    // no state: the model is loaded on demand and shared by the process
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Embedder load(Map<String, String> settings) {
    synchronized (MiniLmEmbedderProvider.class) {
      if (shared == null) {
        shared = MiniLmEmbedder.load(EmbedderSettings.from(settings));
      }
      return shared;
    }
  }
}
