package dev.memkit.core.error;

/**
 * The root of every exception memkit throws. Unchecked; adapters map each subclass to their own
 * way of reporting (an HTTP status, an exit code).
 */
public class MemoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with {@code message}. */
  public MemoryException(String message) {
    super(message);
  }

  /** Creates an exception with {@code message} caused by {@code cause}. */
  public MemoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
