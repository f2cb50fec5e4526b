package dev.memkit.mcp;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.Tag;
import dev.memkit.core.model.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of one tool call, read with the core's checks ({@link RecordJson.Fields}): a bad
 * one is a {@link ValidationException} naming the argument and the rule it broke.
 */
final class Args {
  private final RecordJson.Fields fields;

  private Args(RecordJson.Fields fields) {
    this.fields = fields;
  }

  /**
   * The arguments {@code json} of a call to {@code tool}; an argument the tool does not take is
   * refused (a misspelt name would otherwise be ignored silently).
   */
  static Args of(MemkitTool tool, JsonValue json) {
    if (json != null && !(json instanceof JsonValue.JsonNull) && !(json instanceof JsonObject)) {
      throw new ValidationException("arguments", "must be a JSON object");
    }
    RecordJson.Fields fields =
        RecordJson.Fields.of(json instanceof JsonObject o ? o : JsonValue.emptyObject(), "");
    Set<String> known = tool.argumentNames();
    for (String name : fields.members().keySet()) {
      if (!known.contains(name)) {
        throw new ValidationException(
            name,
            "is not an argument of "
                + tool.name()
                + "; it takes "
                + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
      }
    }
    return new Args(fields);
  }

  /** A required string. */
  String string(String name) {
    return fields.string(name);
  }

  /** An optional string. */
  Optional<String> optionalString(String name) {
    return fields.optionalString(name);
  }

  /** A required id (a whole number of at least 1). */
  long id(String name) {
    return fields.positiveLong(name);
  }

  /** A required value of any JSON type. */
  JsonValue value(String name) {
    return fields.value(name);
  }

  /** A required JSON object. */
  JsonObject object(String name) {
    return fields.object(name);
  }

  /** An optional JSON object. */
  Optional<JsonObject> optionalObject(String name) {
    return fields
        .optional(name)
        .map(
            v -> {
              if (v instanceof JsonObject o) {
                return o;
              }
              throw new ValidationException(name, "must be a JSON object");
            });
  }

  /** An optional whole number; absent is {@code fallback}. */
  long number(String name, long fallback) {
    Optional<JsonValue> v = fields.optional(name);
    if (v.isEmpty()) {
      return fallback;
    }
    if (v.get() instanceof JsonValue.JsonNumber n) {
      try {
        return n.value().longValueExact();
      } catch (ArithmeticException e) {
        // reported below
      }
    }
    throw new ValidationException(name, "must be a whole number");
  }

  /** A page size, 1..100; absent is 10. */
  int limit(String name) {
    long limit = number(name, Limits.PAGE_DEFAULT);
    return Limits.page(
        (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit)),
        name,
        Limits.PAGE_MAX);
  }

  /**
   * An optional version to compare and set against (0: must not exist yet); the state commands
   * check it.
   */
  OptionalLong expectedVersion(String name) {
    return fields.optional(name).isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(number(name, 0));
  }

  /** Whether the argument {@code name} was given (even as null). */
  boolean has(String name) {
    return fields.members().containsKey(name);
  }

  /** An optional array of strings; a bad element is named {@code name[i]}. */
  Optional<List<String>> strings(String name) {
    Optional<JsonValue> raw = fields.optional(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    if (!(raw.get() instanceof JsonValue.JsonArray array)) {
      throw new ValidationException(name, "must be an array of strings");
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < array.values().size(); i++) {
      strings.add(RecordJson.Fields.asString(array.values().get(i), name + "[" + i + "]"));
    }
    return Optional.of(strings);
  }

  /** Optional tags; a bad one is named {@code name[i]}. */
  Optional<List<Tag>> tags(String name) {
    return strings(name).map(raw -> Tag.ofAll(raw, name));
  }

  /** An optional kind. */
  Optional<Kind> kind(String name) {
    return optionalString(name).map(k -> fields.wrap(name, () -> Kind.of(k)));
  }

  /** An optional time. */
  Optional<Instant> time(String name) {
    return fields.optionalTime(name);
  }

  /** The filter of the {@code tags}, {@code kind}, {@code from} and {@code to} arguments. */
  MemoryFilter filter() {
    return new MemoryFilter(
        tags("tags").orElse(List.of()), kind("kind"), new TimeRange(time("from"), time("to")));
  }
}
