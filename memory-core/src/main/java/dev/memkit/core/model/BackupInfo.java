package dev.memkit.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A backup a store holds.
 *
 * @param id the store's name for it, safe in a URL path
 * @param createdAt when it was taken
 * @param sizeBytes its size on disk (or in memory)
 * @param reason why it was taken: {@code manual}, {@code auto}, {@code before-restore}…
 */
public record BackupInfo(String id, Instant createdAt, long sizeBytes, String reason) {
  /** Rejects missing parts. */
  public BackupInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(reason, "reason");
  }
}
