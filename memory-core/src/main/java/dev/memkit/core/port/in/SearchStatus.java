package dev.memkit.core.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * What search can do right now.
 *
 * @param embedder {@code absent} (no model on the classpath, or {@code MEMKIT_EMBEDDER=none}),
 *     {@code loading}, {@code ready} or {@code failed}
 * @param model the model's id once known
 * @param defaultMode the mode a search without one runs in now: keyword until the model is ready
 * @param indexed how many memories have a current vector in memory
 * @param pending how many memories wait to be embedded
 * @param failure why the model failed to load, when it did
 */
public record SearchStatus(
    String embedder,
    Optional<String> model,
    SearchMode defaultMode,
    long indexed,
    long pending,
    Optional<String> failure) {
  /** Rejects missing parts. */
  public SearchStatus {
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(defaultMode, "defaultMode");
    Objects.requireNonNull(failure, "failure");
  }
}
