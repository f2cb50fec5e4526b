package dev.memkit.core.model;

/** The id a store gives a goal: positive, increasing in the order goals are added. */
public record GoalId(long value) implements Comparable<GoalId> {
  /** Rejects an id below 1. */
  public GoalId {
    Limits.require(value >= 1, "goal_id", "must be a positive integer, got " + value);
  }

  /** Returns the id {@code value}. */
  public static GoalId of(long value) {
    return new GoalId(value);
  }

  @Override
  public int compareTo(GoalId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
