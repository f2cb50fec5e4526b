package dev.memkit.core.model;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;

/**
 * Every input limit of memkit in one place. The values are part of the product's contract (see
 * docs/architecture.md); the checks throw {@link ValidationException} naming field and rule.
 */
public final class Limits {
  /** Largest serialised state value: 64 KiB of compact UTF-8 JSON. */
  public static final int STATE_VALUE_MAX_BYTES = 64 * 1024;

  /** Longest memory text, in characters (code points). */
  public static final int MEMORY_TEXT_MAX_CHARS = 32_768;

  /** Most tags on one memory. */
  public static final int TAGS_MAX = 32;

  /** Largest serialised memory metadata object: 16 KiB. */
  public static final int METADATA_MAX_BYTES = 16 * 1024;

  /** Longest goal title, in characters. */
  public static final int GOAL_TITLE_MAX_CHARS = 500;

  /** Longest progress note, in characters. */
  public static final int PROGRESS_NOTE_MAX_CHARS = 4_000;

  /** Smallest and largest context budget, in tokens. */
  public static final int CONTEXT_MIN_TOKENS = 1;

  /** Largest context budget, in tokens. */
  public static final int CONTEXT_MAX_TOKENS = 128_000;

  /** Largest search or list page. */
  public static final int PAGE_MAX = 100;

  /** Default search and list page. */
  public static final int PAGE_DEFAULT = 10;

  /** Largest audit page. */
  public static final int AUDIT_PAGE_MAX = 1_000;

  /** Longest audit target filter, in characters. */
  public static final int AUDIT_TARGET_MAX_CHARS = 300;

  /** Longest search query, in characters. */
  public static final int QUERY_MAX_CHARS = 16_384;

  /** Most memories stored by one atomic batch (an import). */
  public static final int BATCH_MAX_MEMORIES = 50_000;

  /** Longest client key of a memory. */
  public static final int CLIENT_KEY_MAX_CHARS = 128;

  /** Longest actor name. */
  public static final int ACTOR_MAX_CHARS = 128;

  /** Deepest nesting of a JSON value (state value, metadata, patch). */
  public static final int JSON_MAX_DEPTH = 64;

  private Limits() {}

  /** Throws {@link ValidationException} for {@code field} and {@code rule} unless {@code ok}. */
  public static void require(boolean ok, String field, String rule) {
    if (!ok) {
      throw new ValidationException(field, rule);
    }
  }

  /** Throws unless {@code value} is non-null. */
  public static <T> T required(T value, String field) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    return value;
  }

  /**
   * Checks {@code text} has 1..{@code max} code points, is not only whitespace, is valid Unicode
   * and has no control characters but tab and line breaks.
   */
  public static String text(String text, String field, int max) {
    required(text, field);
    require(!text.isBlank(), field, "must not be blank");
    int length = text.codePointCount(0, text.length());
    require(length <= max, field, "must be at most " + max + " characters, got " + length);
    require(!hasLoneSurrogate(text), field, "must be valid Unicode (it has an unpaired surrogate)");
    require(
        text.chars().noneMatch(Limits::isForbiddenControl),
        field,
        "must not contain control characters other than tab and line breaks");
    return text;
  }

  /**
   * Checks {@code value} serialises to at most {@code maxBytes}, nests at most {@link
   * #JSON_MAX_DEPTH} and holds only valid Unicode (no unpaired surrogate in a string or a member
   * name, which could not be written as UTF-8 and back unchanged).
   */
  public static JsonValue json(JsonValue value, String field, int maxBytes) {
    required(value, field);
    require(
        depth(value, 0) <= JSON_MAX_DEPTH,
        field,
        "must nest at most " + JSON_MAX_DEPTH + " levels");
    require(
        validUnicode(value),
        field,
        "must be valid Unicode (a string or member name in it has an unpaired surrogate)");
    int size = JsonWriter.utf8Size(value);
    require(size <= maxBytes, field, "must be at most " + maxBytes + " bytes of JSON, got " + size);
    return value;
  }

  /**
   * {@code text} as an error message quotes it: cut to 80 characters, control characters shown as
   * {@code ?}, so a bad value cannot flood or break the message.
   */
  public static String clip(String text) {
    String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    StringBuilder out = new StringBuilder(cut.length());
    cut.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return out.toString();
  }

  /** Checks {@code limit} is within 1..{@code max}. */
  public static int page(int limit, String field, int max) {
    require(limit >= 1 && limit <= max, field, "must be between 1 and " + max + ", got " + limit);
    return limit;
  }

  private static boolean isForbiddenControl(int c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
  }

  static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean validUnicode(JsonValue value) {
    if (value instanceof JsonValue.JsonString s) {
      return !hasLoneSurrogate(s.value());
    }
    if (value instanceof JsonValue.JsonArray array) {
      return array.values().stream().allMatch(Limits::validUnicode);
    }
    if (value instanceof JsonValue.JsonObject object) {
      return object.members().entrySet().stream()
          .allMatch(m -> !hasLoneSurrogate(m.getKey()) && validUnicode(m.getValue()));
    }
    return true;
  }

  private static int depth(JsonValue value, int level) {
    if (level > JSON_MAX_DEPTH) {
      return level;
    }
    int deepest = level;
    if (value instanceof JsonValue.JsonArray array) {
      for (JsonValue v : array.values()) {
        deepest = Math.max(deepest, depth(v, level + 1));
      }
    } else if (value instanceof JsonValue.JsonObject object) {
      for (JsonValue v : object.members().values()) {
        deepest = Math.max(deepest, depth(v, level + 1));
      }
    }
    return deepest;
  }
}
