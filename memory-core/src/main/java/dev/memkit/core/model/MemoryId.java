package dev.memkit.core.model;

/** The id a store gives a memory: positive, increasing in the order memories are added. */
public record MemoryId(long value) implements Comparable<MemoryId> {
  /** Rejects an id below 1. */
  public MemoryId {
    Limits.require(value >= 1, "id", "must be a positive integer, got " + value);
  }

  /** Returns the id {@code value}. */
  public static MemoryId of(long value) {
    return new MemoryId(value);
  }

  @Override
  public int compareTo(MemoryId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
