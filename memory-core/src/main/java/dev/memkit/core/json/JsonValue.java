package dev.memkit.core.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable JSON value, modelled in plain Java so the core needs no JSON library.
 *
 * <p>Objects keep the order of their members as given. Numbers are held as {@link BigDecimal}, so a
 * value read from JSON text and written back keeps its digits. Turning JSON <em>text</em> into a
 * {@code JsonValue} is an adapter's job; writing one out is {@link JsonWriter}'s.
 */
public sealed interface JsonValue
    permits JsonValue.JsonNull,
        JsonValue.JsonBoolean,
        JsonValue.JsonNumber,
        JsonValue.JsonString,
        JsonValue.JsonArray,
        JsonValue.JsonObject {

  /** The JSON {@code null}. */
  JsonNull NULL = new JsonNull();

  /** The JSON {@code true}. */
  JsonBoolean TRUE = new JsonBoolean(true);

  /** The JSON {@code false}. */
  JsonBoolean FALSE = new JsonBoolean(false);

  /** Returns the JSON string {@code value}. */
  static JsonString of(String value) {
    return new JsonString(value);
  }

  /** Returns the JSON number {@code value}. */
  static JsonNumber of(long value) {
    return new JsonNumber(BigDecimal.valueOf(value));
  }

  /**
   * Returns the JSON number {@code value}; throws {@link NumberFormatException} for NaN or
   * infinity.
   */
  static JsonNumber of(double value) {
    return new JsonNumber(new BigDecimal(Double.toString(value)));
  }

  /** Returns the JSON number {@code value}. */
  static JsonNumber of(BigDecimal value) {
    return new JsonNumber(value);
  }

  /** Returns the JSON boolean {@code value}. */
  static JsonBoolean of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** Returns a JSON array of {@code values}, in order. */
  static JsonArray array(List<? extends JsonValue> values) {
    return new JsonArray(List.copyOf(values));
  }

  /** Returns a JSON array of {@code values}, in order. */
  static JsonArray array(JsonValue... values) {
    return new JsonArray(List.of(values));
  }

  /** Returns a JSON object with the members of {@code members}, in its iteration order. */
  static JsonObject object(Map<String, ? extends JsonValue> members) {
    return new JsonObject(new LinkedHashMap<String, JsonValue>(members));
  }

  /** Returns an empty JSON object. */
  static JsonObject emptyObject() {
    return new JsonObject(Map.of());
  }

  /** Returns a builder of a JSON object that keeps members in the order they are put. */
  static ObjectBuilder objectBuilder() {
    return new ObjectBuilder();
  }

  /** Compact JSON text of this value, as {@link JsonWriter#compact(JsonValue)} writes it. */
  default String toJson() {
    return JsonWriter.compact(this);
  }

  /** The JSON {@code null} value. */
  record JsonNull() implements JsonValue {
    @Override
    public String toString() {
      return "null";
    }
  }

  /** A JSON boolean. */
  record JsonBoolean(boolean value) implements JsonValue {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** A JSON number; never NaN or infinite. */
  record JsonNumber(BigDecimal value) implements JsonValue {
    /** Rejects a null number. */
    public JsonNumber {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return JsonWriter.compact(this);
    }
  }

  /** A JSON string. */
  record JsonString(String value) implements JsonValue {
    /** Rejects a null string. */
    public JsonString {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return JsonWriter.compact(this);
    }
  }

  /** A JSON array; its list is immutable. */
  record JsonArray(List<JsonValue> values) implements JsonValue {
    /** Copies {@code values}, rejecting null elements. */
    public JsonArray {
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      return JsonWriter.compact(this);
    }
  }

  /** A JSON object; its map is immutable and keeps member order. */
  record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    /** Copies {@code members}, keeping their order and rejecting null keys or values. */
    public JsonObject {
      LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>();
      members.forEach(
          (k, v) ->
              copy.put(
                  Objects.requireNonNull(k, "member name"),
                  Objects.requireNonNull(v, "member value")));
      members = Collections.unmodifiableMap(copy);
    }

    /** The member named {@code name}, if present. */
    public Optional<JsonValue> get(String name) {
      return Optional.ofNullable(members.get(name));
    }

    /** The string member {@code name}, if present and a string. */
    public Optional<String> string(String name) {
      return get(name).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value());
    }

    /** Returns a copy with {@code name} set to {@code value} (appended when new). */
    public JsonObject with(String name, JsonValue value) {
      LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members);
      copy.put(name, value);
      return new JsonObject(copy);
    }

    @Override
    public String toString() {
      return JsonWriter.compact(this);
    }
  }

  /** Builds a {@link JsonObject}, keeping members in insertion order. */
  final class ObjectBuilder {
    private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

    private ObjectBuilder() {}

    /** Puts a member; a later put of the same name replaces the value in place. */
    public ObjectBuilder put(String name, JsonValue value) {
      members.put(name, value);
      return this;
    }

    /** Puts a string member. */
    public ObjectBuilder put(String name, String value) {
      return put(name, JsonValue.of(value));
    }

    /** Puts a number member. */
    public ObjectBuilder put(String name, long value) {
      return put(name, JsonValue.of(value));
    }

    /** Puts a boolean member. */
    public ObjectBuilder put(String name, boolean value) {
      return put(name, JsonValue.of(value));
    }

    /** Puts {@code value} when present, or JSON null. */
    public ObjectBuilder putNullable(String name, Optional<? extends JsonValue> value) {
      return put(name, value.isPresent() ? value.get() : NULL);
    }

    /** Puts an array of strings. */
    public ObjectBuilder putStrings(String name, List<String> values) {
      List<JsonValue> list = new ArrayList<>(values.size());
      values.forEach(v -> list.add(JsonValue.of(v)));
      return put(name, new JsonArray(list));
    }

    /** Returns the object built so far. */
    public JsonObject build() {
      return new JsonObject(members);
    }
  }
}
