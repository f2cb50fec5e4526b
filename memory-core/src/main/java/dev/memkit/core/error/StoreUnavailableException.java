package dev.memkit.core.error;

/**
 * The store cannot do its work now: disk full, read-only, locked by another process, damaged beyond
 * recovery. Stores wrap their I/O and driver exceptions in this, so none of those types crosses a
 * port.
 */
public class StoreUnavailableException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with {@code message}. */
  public StoreUnavailableException(String message) {
    super(message);
  }

  /** Creates an exception with {@code message} caused by {@code cause}. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
