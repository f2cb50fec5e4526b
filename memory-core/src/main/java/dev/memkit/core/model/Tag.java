package dev.memkit.core.model;

import dev.memkit.core.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
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
    Limits.require(
        PATTERN.matcher(value).matches(),
        "tags",
        "each tag must match " + RULE + ": '" + Limits.clip(value) + "'");
  }

  /** Returns the tag {@code value}. */
  public static Tag of(String value) {
    return new Tag(value);
  }

  /**
   * The tags {@code values} name, as a request gives them: at most {@link Limits#TAGS_MAX}, a bad
   * one reported as {@code field[i]}.
   */
  public static List<Tag> ofAll(List<String> values, String field) {
    Limits.required(values, field);
    Limits.require(
        values.size() <= Limits.TAGS_MAX,
        field,
        "must have at most " + Limits.TAGS_MAX + " tags, got " + values.size());
    List<Tag> tags = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      try {
        tags.add(of(values.get(i)));
      } catch (ValidationException e) {
        throw new ValidationException(field + "[" + i + "]", e.rule());
      }
    }
    return List.copyOf(tags);
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
