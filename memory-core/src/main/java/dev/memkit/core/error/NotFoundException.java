package dev.memkit.core.error;

/** The record asked for does not exist (in that namespace). */
public class NotFoundException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception saying {@code what} was not found, e.g. {@code "memory 12"}. */
  public NotFoundException(String what) {
    super(what + " not found");
  }
}
