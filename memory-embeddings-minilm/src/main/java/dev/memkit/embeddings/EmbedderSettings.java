package dev.memkit.embeddings;

import dev.memkit.core.error.ValidationException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How the model runs.
 *
 * @param threads ONNX Runtime's intra-op threads ({@code MEMKIT_EMBEDDER_THREADS}, 1..64, default
 *     1): ONNX Runtime ignores CPU affinity and would otherwise start one per core
 * @param nativeDir where ONNX Runtime's native libraries are unpacked ({@code
 *     MEMKIT_EMBEDDER_NATIVE_DIR})
 * @param cacheDir where the tokenizer's native library is unpacked ({@code
 *     MEMKIT_EMBEDDER_CACHE_DIR})
 */
record EmbedderSettings(int threads, Optional<Path> nativeDir, Optional<Path> cacheDir) {
  static final int DEFAULT_THREADS = 1;
  static final int MAX_THREADS = 64;

  EmbedderSettings {
    if (threads < 1 || threads > MAX_THREADS) {
      throw new ValidationException(
          "MEMKIT_EMBEDDER_THREADS",
          "must be a whole number from 1 to " + MAX_THREADS + ", got " + threads);
    }
  }

  /**
   * Reads the settings from {@code env}.
   *
   * @throws ValidationException naming the variable when one is malformed
   */
  static EmbedderSettings from(Map<String, String> env) {
    String raw =
        Optional.ofNullable(env.get("MEMKIT_EMBEDDER_THREADS")).map(String::trim).orElse("");
    int threads = DEFAULT_THREADS;
    if (!raw.isEmpty()) {
      try {
        threads = Integer.parseInt(raw);
      } catch (NumberFormatException e) {
        throw new ValidationException(
            "MEMKIT_EMBEDDER_THREADS",
            "must be a whole number from 1 to " + MAX_THREADS + ", got '" + raw + "'");
      }
    }
    return new EmbedderSettings(
        threads, dir(env, "MEMKIT_EMBEDDER_NATIVE_DIR"), dir(env, "MEMKIT_EMBEDDER_CACHE_DIR"));
  }

  private static Optional<Path> dir(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(Path::of);
  }
}
