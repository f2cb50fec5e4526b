package dev.memkit.core.model;

import java.util.regex.Pattern;

/**
 * What sort of memory a memory is: {@code note} by default, {@code event}, {@code fact}, {@code
 * decision}, {@code long_term}, {@code snapshot}, or any {@code [a-z][a-z0-9_-]{0,31}}.
 */
public record Kind(String value) {
  /** The rule a kind must match. */
  public static final String RULE = "[a-z][a-z0-9_-]{0,31}";

  private static final Pattern PATTERN = Pattern.compile(RULE);

  /** The default kind. */
  public static final Kind NOTE = new Kind("note");

  /** Session snapshots: a summary written at the end of a session. */
  public static final Kind SNAPSHOT = new Kind("snapshot");

  /** Rejects a kind that does not match {@link #RULE}. */
  public Kind {
    Limits.required(value, "kind");
    Limits.require(
        PATTERN.matcher(value).matches(),
        "kind",
        "must match " + RULE + ": '" + Limits.clip(value) + "'");
  }

  /** Returns the kind {@code value}. */
  public static Kind of(String value) {
    return new Kind(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
