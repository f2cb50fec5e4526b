package dev.memkit.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A label on a memory: {@code [\p{L}\p{N}_.:/-]{1,64}}. Kept as written, compared
 * case-insensitively through {@link #normalized()}.
 */
public record Tag(String value) {
  /** The rule a tag must match. */
  public static final String RULE = "[\\p{L}\\p{N}_.:/-]{1,64}";
  private static final Pattern PATTERN = Pattern.compile(RULE);

  /** Rejects a tag that does not match {@link #RULE}. */
  public Tag {
    Limits.required(value, "tags");
    Limits.require(PATTERN.matcher(value).matches(), "tags", "each tag must match " + RULE + ": '" + Limits.clip(value) + "'");
  }

  /** Returns the tag {@code value}. */
  public static Tag of(String value) {
    return new Tag(value);
  }

  /** The tag in lower case: two tags are the same tag when these are equal. */
  public String normalized() {
    return value.toLowerCase(Locale.ROOT);
  }

  /** Whether this is the same tag as {@code other}, ignoring case. */
  public boolean sameAs(Tag other) {
    return normalized().equals(other.normalized());
  }

  @Override
  public String toString() {
    return value;
  }
}
