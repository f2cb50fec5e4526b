package dev.memkit.core.model;

import java.util.Objects;

/**
 * Whether a store's writes can succeed now: what a readiness check reports (see {@link
 * dev.memkit.core.port.out.Store#health()}). The detail names the cause in a few words (disk full,
 * read-only, I/O error) and never a path, since readiness is answered without a key.
 *
 * @param status what writes would do
 * @param detail the cause when writes cannot succeed; empty when they can
 */
public record StoreHealth(Status status, String detail) {
  /** What a write would do now. */
  public enum Status {
    /** Writes succeed. */
    WRITABLE("writable"),
    /** The store's files cannot be written: read-only file system or permissions. */
    READ_ONLY("read-only"),
    /**
     * Writes fail for another cause: disk full, I/O error, a deleted write-ahead log, a closed
     * store.
     */
    UNAVAILABLE("unavailable");

    private final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }

    /** The name readiness answers use: {@code writable}, {@code read-only}, {@code unavailable}. */
    public String wireName() {
      return wireName;
    }
  }

  /** Writes succeed. */
  public static final StoreHealth WRITABLE = new StoreHealth(Status.WRITABLE, "");

  /** Checks both parts are present and that only a failing status carries a cause. */
  public StoreHealth {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  /** Writes fail with {@code status} because of {@code detail}. */
  public static StoreHealth failing(Status status, String detail) {
    return new StoreHealth(status, detail);
  }

  /** Whether writes succeed. */
  public boolean writable() {
    return status == Status.WRITABLE;
  }
}
