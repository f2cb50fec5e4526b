package dev.memkit.core.model;

import java.util.regex.Pattern;

/**
 * Whose data a record is: a user, an agent, a project. Namespaces never see each other's data. Safe
 * as a file name: {@code [a-z0-9][a-z0-9._-]{0,63}}, and never {@code .} or {@code ..}.
 */
public record Namespace(String value) implements Comparable<Namespace> {
  /** The rule a name must match. */
  public static final String RULE = "[a-z0-9][a-z0-9._-]{0,63}";

  private static final Pattern PATTERN = Pattern.compile(RULE);

  /** The namespace used when none is named. */
  public static final Namespace DEFAULT = new Namespace("default");

  /** Rejects a name that does not match {@link #RULE}. */
  public Namespace {
    Limits.required(value, "namespace");
    Limits.require(
        PATTERN.matcher(value).matches(),
        "namespace",
        "must match " + RULE + ": '" + Limits.clip(value) + "'");
  }

  /** Returns the namespace named {@code value}. */
  public static Namespace of(String value) {
    return new Namespace(value);
  }

  @Override
  public int compareTo(Namespace other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
