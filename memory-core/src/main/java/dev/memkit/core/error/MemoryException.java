package dev.memkit.core.error;

/**
 * The root of every exception memkit throws. Unchecked and abstract: what is thrown is always one
 * of its subclasses, which adapters map to their own way of reporting (an HTTP status, an exit
 * code).
 */
public abstract class MemoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with {@code message}. */
  protected MemoryException(String message) {
    super(message);
  }

  /** Creates an exception with {@code message} caused by {@code cause}. */
  protected MemoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
