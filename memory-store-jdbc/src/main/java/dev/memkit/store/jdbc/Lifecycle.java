package dev.memkit.store.jdbc;

import dev.memkit.core.error.StoreUnavailableException;

/**
 * Whether a store is still open: its use after {@link #close} fails as "unavailable", and it closes
 * once.
 */
public final class Lifecycle {
  private final String description;
  private volatile boolean closed;

  /** The life of the store {@code description} (e.g. {@code sqlite:/data/memkit.db}), open. */
  public Lifecycle(String description) {
    this.description = description;
  }

  /** Fails when the store is closed. */
  public void ensureOpen() {
    if (closed) {
      throw new StoreUnavailableException("store " + description + " is closed");
    }
  }

  /** Whether the store is closed. */
  public boolean closed() {
    return closed;
  }

  /** Marks the store closed; true only the first time, when the caller releases what it holds. */
  public synchronized boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }
}
