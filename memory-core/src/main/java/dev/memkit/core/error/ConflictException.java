package dev.memkit.core.error;

import java.util.OptionalLong;

/** A compare-and-set failed: the record's version is not the one the caller expected. */
public class ConflictException extends MemoryException {
  private static final long serialVersionUID = 1L;

  private final transient OptionalLong actualVersion;

  /**
   * Creates a conflict on {@code target}; {@code actualVersion} is empty when the record is absent.
   */
  public ConflictException(String target, long expectedVersion, OptionalLong actualVersion) {
    super(
        target
            + ": expected version "
            + expectedVersion
            + " but "
            + (actualVersion.isPresent()
                ? "found version " + actualVersion.getAsLong()
                : "it does not exist"));
    this.actualVersion = actualVersion;
  }

  /** Creates a conflict with a free-form message. */
  public ConflictException(String message) {
    super(message);
    this.actualVersion = OptionalLong.empty();
  }

  /** The version the record has now, if it exists. */
  public OptionalLong actualVersion() {
    return actualVersion;
  }
}
