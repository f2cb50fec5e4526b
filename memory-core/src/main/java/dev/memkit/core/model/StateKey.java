package dev.memkit.core.model;

import java.util.regex.Pattern;

/** The name of a state entry: {@code [A-Za-z0-9][A-Za-z0-9_.:-]{0,127}}. */
public record StateKey(String value) implements Comparable<StateKey> {
  /** The rule a key must match. */
  public static final String RULE = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}";

  private static final Pattern PATTERN = Pattern.compile(RULE);

  /** The well-known key of the user's profile document. */
  public static final StateKey PROFILE = new StateKey("profile");

  /** The well-known key of the working-memory document. */
  public static final StateKey WORKING_MEMORY = new StateKey("working_memory");

  /** Rejects a key that does not match {@link #RULE}. */
  public StateKey {
    Limits.required(value, "key");
    Limits.require(
        PATTERN.matcher(value).matches(),
        "key",
        "must match " + RULE + ": '" + Limits.clip(value) + "'");
  }

  /** Returns the key {@code value}. */
  public static StateKey of(String value) {
    return new StateKey(value);
  }

  @Override
  public int compareTo(StateKey other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
