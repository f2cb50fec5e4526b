package dev.memkit.mcp;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.model.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema pieces for the tools' input and output, with the core's limits ({@link Limits}, the
 * patterns of keys, tags and kinds) written in, so a client sees the rules before it calls.
 */
final class Schema {
  /** A memory in its JSON form. */
  static final JsonObject MEMORY =
      object()
          .required("id", integer("The memory's id", 1, Long.MAX_VALUE))
          .required("namespace", plain("string"))
          .required("text", plain("string"))
          .required("tags", arrayOf(plain("string")))
          .required("kind", plain("string"))
          .required("metadata", plain("object"))
          .required("occurred_at", nullable("string"))
          .required("key", nullable("string"))
          .required("created_at", plain("string"))
          .required("updated_at", plain("string"))
          .open();

  /**
   * A search hit: a memory with its score, the query terms it matched, and each side's score (null
   * when that side did not find it).
   */
  static final JsonObject HIT =
      object()
          .with(MEMORY)
          .required("score", plain("number"))
          .required(
              "matched_terms",
              integer("How many distinct query terms it contains", 0, Integer.MAX_VALUE))
          .optional("keyword_score", nullable("number"))
          .optional("semantic_score", nullable("number"))
          .open();

  /** A state entry in its JSON form. */
  static final JsonObject STATE =
      object()
          .required("namespace", plain("string"))
          .required("key", plain("string"))
          .required("value", JsonValue.emptyObject())
          .required(
              "version",
              integer("The entry's version: 1 when created, +1 on every change", 1, Long.MAX_VALUE))
          .required("updated_at", plain("string"))
          .open();

  /** A goal with its progress timeline. */
  static final JsonObject GOAL =
      object()
          .required("id", integer("The goal's id", 1, Long.MAX_VALUE))
          .required("namespace", plain("string"))
          .required("title", plain("string"))
          .required("status", plain("string"))
          .required("due_at", nullable("string"))
          .required("progress", arrayOf(plain("object")))
          .required("created_at", plain("string"))
          .required("updated_at", plain("string"))
          .open();

  /** A context block in its JSON form. */
  static final JsonObject CONTEXT =
      object()
          .required("prompt_block", plain("string"))
          .required("tokens", plain("integer"))
          .required("max_tokens", plain("integer"))
          .required("tokenizer", plain("string"))
          .required("included", plain("integer"))
          .required("omitted", plain("integer"))
          .open();

  private Schema() {}

  /** A new object schema. */
  static Props object() {
    return new Props();
  }

  /** {@code {"type": type}}. */
  static JsonObject plain(String type) {
    return JsonValue.objectBuilder().put("type", type).build();
  }

  /** A value of {@code type} or null. */
  static JsonObject nullable(String type) {
    return JsonValue.objectBuilder()
        .put("type", JsonValue.array(JsonValue.of(type), JsonValue.of("null")))
        .build();
  }

  /** An array of {@code items}. */
  static JsonObject arrayOf(JsonObject items) {
    return JsonValue.objectBuilder().put("type", "array").put("items", items).build();
  }

  /** Text of 1..{@code max} characters. */
  static JsonObject text(String description, int max) {
    return JsonValue.objectBuilder()
        .put("type", "string")
        .put("description", description)
        .put("minLength", 1)
        .put("maxLength", max)
        .build();
  }

  /** A string matching {@code rule} (a Java pattern the core checks; written anchored). */
  static JsonObject pattern(String description, String rule) {
    return JsonValue.objectBuilder()
        .put("type", "string")
        .put("description", description)
        .put("pattern", "^" + rule + "$")
        .build();
  }

  /** A whole number in {@code min..max}. */
  static JsonObject integer(String description, long min, long max) {
    return JsonValue.objectBuilder()
        .put("type", "integer")
        .put("description", description)
        .put("minimum", min)
        .put("maximum", max)
        .build();
  }

  /** One of {@code values}. */
  static JsonObject oneOf(String description, List<String> values) {
    return JsonValue.objectBuilder()
        .put("type", "string")
        .put("description", description)
        .putStrings("enum", values)
        .build();
  }

  /** A JSON object. */
  static JsonObject anyObject(String description) {
    return JsonValue.objectBuilder().put("type", "object").put("description", description).build();
  }

  /** Any JSON value. */
  static JsonObject anyValue(String description) {
    return JsonValue.objectBuilder().put("description", description).build();
  }

  /** An ISO-8601 time or date. */
  static JsonObject time(String description) {
    return JsonValue.objectBuilder()
        .put("type", "string")
        .put(
            "description",
            description + " (ISO-8601, e.g. 2026-11-21T07:00:00Z, or a date such as 2026-11-21)")
        .build();
  }

  /** A state key. */
  static JsonObject stateKey(String description) {
    return pattern(description, StateKey.RULE);
  }

  /** A memory kind. */
  static JsonObject kind(String description) {
    return pattern(description + " (e.g. note, event, fact, decision, preference)", Kind.RULE);
  }

  /** 0..32 tags. */
  static JsonObject tags(String description) {
    return JsonValue.objectBuilder()
        .put("type", "array")
        .put("description", description)
        .put("maxItems", Limits.TAGS_MAX)
        .put("items", pattern("A tag", Tag.RULE))
        .build();
  }

  /** A goal status. */
  static JsonObject goalStatus(String description) {
    return oneOf(
        description, Arrays.stream(GoalStatus.values()).map(GoalStatus::wireName).toList());
  }

  /** A page size with its default. */
  static JsonObject limit(String what) {
    return integer(
        "How many "
            + what
            + " to return, 1.."
            + Limits.PAGE_MAX
            + "; default "
            + Limits.PAGE_DEFAULT,
        1,
        Limits.PAGE_MAX);
  }

  /** A version to compare and set against. */
  static JsonObject expectedVersion() {
    return integer(
        "Only write if the entry has this version (0: only if it does not exist yet); "
            + "on a mismatch nothing is written and the error names the current version",
        0,
        Long.MAX_VALUE);
  }

  /** The properties of an object schema, in order, each required or optional. */
  static final class Props {
    private final Map<String, JsonValue> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    /** Adds a required property. */
    Props required(String name, JsonObject schema) {
      properties.put(name, schema);
      required.add(name);
      return this;
    }

    /** Adds an optional property. */
    Props optional(String name, JsonObject schema) {
      properties.put(name, schema);
      return this;
    }

    /** Adds the properties of {@code other}, with what it requires. */
    Props with(JsonObject other) {
      JsonObject props = (JsonObject) other.members().get("properties");
      properties.putAll(props.members());
      other
          .get("required")
          .ifPresent(
              r ->
                  ((JsonValue.JsonArray) r)
                      .values()
                      .forEach(v -> required.add(((JsonValue.JsonString) v).value())));
      return this;
    }

    /** The schema of an object with these properties and no others (for arguments). */
    JsonObject closed() {
      return build(false);
    }

    /** The schema of an object with these properties and maybe more (for results). */
    JsonObject open() {
      return build(true);
    }

    private JsonObject build(boolean additional) {
      JsonValue.ObjectBuilder b =
          JsonValue.objectBuilder()
              .put("type", "object")
              .put("properties", JsonValue.object(properties));
      if (!required.isEmpty()) {
        b.putStrings("required", required);
      }
      return b.put("additionalProperties", additional).build();
    }
  }
}
