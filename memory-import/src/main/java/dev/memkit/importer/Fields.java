package dev.memkit.importer;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonArray;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.json.JsonValue.JsonString;
import dev.memkit.jackson.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Members of a JSON line, read with errors that name the member and the rule. */
final class Fields {
  private Fields() {}

  /** {@code line} parsed as one JSON object. */
  static JsonObject object(String line) {
    JsonValue value;
    try {
      value = JsonText.parse(line, "line");
    } catch (ValidationException e) {
      // the parser's positions count within the line, which would read as file lines: drop them
      String rule = e.rule().replaceAll("(?s)(\\s*\\(start marker at |\\s*at \\[Source|\\n).*", "");
      throw new ValidationException("line", rule.strip());
    }
    if (value instanceof JsonObject o) {
      return o;
    }
    throw new ValidationException("line", "must be a JSON object");
  }

  /** The string member {@code name}, which must be present and not blank. */
  static String required(JsonObject o, String name) {
    return optional(o, name)
        .filter(s -> !s.isBlank())
        .orElseThrow(
            () -> new ValidationException(name, "is required and must be a non-blank string"));
  }

  /** The string member {@code name}; absent or {@code null} is empty, another type an error. */
  static Optional<String> optional(JsonObject o, String name) {
    Optional<JsonValue> value = o.get(name).filter(v -> v != JsonValue.NULL);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get() instanceof JsonString s) {
      return Optional.of(s.value());
    }
    throw new ValidationException(name, "must be a string");
  }

  /** The array-of-strings member {@code name}; absent or {@code null} is empty. */
  static List<String> strings(JsonObject o, String name) {
    Optional<JsonValue> value = o.get(name).filter(v -> v != JsonValue.NULL);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!(value.get() instanceof JsonArray array)) {
      throw new ValidationException(name, "must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonValue v : array.values()) {
      if (!(v instanceof JsonString s)) {
        throw new ValidationException(name, "must be an array of strings");
      }
      out.add(s.value());
    }
    return out;
  }
}
