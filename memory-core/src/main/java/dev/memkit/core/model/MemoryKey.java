package dev.memkit.core.model;

/**
 * A client's idempotency key for a memory: adding a memory with a key already used in the namespace
 * returns the existing memory. 1..128 characters, no control characters, not blank.
 */
public record MemoryKey(String value) {
  /** Rejects a blank key, a key over 128 characters or one with control characters. */
  public MemoryKey {
    Limits.text(value, "key", Limits.CLIENT_KEY_MAX_CHARS);
    Limits.require(
        value.codePoints().noneMatch(Character::isISOControl),
        "key",
        "must not contain control characters");
  }

  /** Returns the key {@code value}. */
  public static MemoryKey of(String value) {
    return new MemoryKey(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
