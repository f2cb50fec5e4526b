package dev.memkit.core.model;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one JSON form of each record: snake_case names, ISO-8601 UTC times, absent optionals as
 * {@code null}. The export document, the audit log's before/after, the HTTP API and the command
 * line's {@code --json} all use it, and the readers here turn it back into records, checking every
 * field and naming the path of the first bad one.
 */
public final class RecordJson {
  /** The {@code format} member of every export document (and of the JSON store's files). */
  public static final String EXPORT_FORMAT = "memkit-export";

  /** The version of the export document this code writes and reads. */
  public static final int EXPORT_VERSION = 1;

  private RecordJson() {}

  /** A state entry as JSON. */
  public static JsonObject state(StateEntry e) {
    return JsonValue.objectBuilder()
        .put("namespace", e.namespace().value())
        .put("key", e.key().value())
        .put("value", e.value())
        .put("version", e.version())
        .put("updated_at", time(e.updatedAt()))
        .build();
  }

  /** A memory as JSON. */
  public static JsonObject memory(Memory m) {
    return JsonValue.objectBuilder()
        .put("id", m.id().value())
        .put("namespace", m.namespace().value())
        .put("text", m.text())
        .putStrings("tags", m.tags().stream().map(Tag::value).toList())
        .put("kind", m.kind().value())
        .put("metadata", m.metadata())
        .putNullable("occurred_at", m.occurredAt().map(RecordJson::time))
        .putNullable("key", m.key().map(k -> JsonValue.of(k.value())))
        .put("created_at", time(m.createdAt()))
        .put("updated_at", time(m.updatedAt()))
        .build();
  }

  /** A goal with its timeline as JSON. */
  public static JsonObject goal(Goal g) {
    List<JsonValue> notes = new ArrayList<>();
    for (ProgressNote n : g.progress()) {
      notes.add(progress(n));
    }
    return JsonValue.objectBuilder()
        .put("id", g.id().value())
        .put("namespace", g.namespace().value())
        .put("title", g.title())
        .put("status", g.status().wireName())
        .putNullable("due_at", g.dueAt().map(RecordJson::time))
        .put("progress", JsonValue.array(notes))
        .put("created_at", time(g.createdAt()))
        .put("updated_at", time(g.updatedAt()))
        .build();
  }

  /** One progress step as JSON. */
  public static JsonObject progress(ProgressNote n) {
    return JsonValue.objectBuilder()
        .put("at", time(n.at()))
        .put("from", n.from().wireName())
        .put("to", n.to().wireName())
        .putNullable("note", n.note().map(JsonValue::of))
        .build();
  }

  /** An audit entry as JSON. */
  public static JsonObject audit(AuditEntry a) {
    return JsonValue.objectBuilder()
        .put("sequence", a.sequence())
        .put("at", time(a.at()))
        .put("namespace", a.namespace().value())
        .put("actor", a.actor().value())
        .put("action", a.action())
        .put("target", a.target())
        .putNullable("before", a.before())
        .putNullable("after", a.after())
        .put("diff", a.diff())
        .build();
  }

  /** A backup's description as JSON. */
  public static JsonObject backup(BackupInfo b) {
    return JsonValue.objectBuilder()
        .put("id", b.id())
        .put("created_at", time(b.createdAt()))
        .put("size_bytes", b.sizeBytes())
        .put("reason", b.reason())
        .build();
  }

  /**
   * A context block as JSON: {@code prompt_block} (the text to prepend), {@code tokens}, {@code
   * max_tokens}, {@code tokenizer}, {@code included} and {@code omitted} (lines).
   */
  public static JsonObject context(ContextBlock b) {
    return JsonValue.objectBuilder()
        .put("prompt_block", b.text())
        .put("tokens", b.tokens())
        .put("max_tokens", b.maxTokens())
        .put("tokenizer", b.tokenizer())
        .put("included", b.included())
        .put("omitted", b.omitted())
        .build();
  }

  /**
   * A search hit: the memory's JSON with {@code score}, {@code matched_terms}, and the two sides'
   * scores {@code keyword_score} (BM25) and {@code semantic_score} (cosine), each {@code null} when
   * that side did not find the memory.
   */
  public static JsonObject hit(SearchHit h) {
    return memory(h.memory())
        .with("score", rounded(h.score()))
        .with("matched_terms", JsonValue.of(h.matchedTerms()))
        .with(
            "keyword_score",
            h.keywordScore().isPresent() ? rounded(h.keywordScore().getAsDouble()) : JsonValue.NULL)
        .with(
            "semantic_score",
            h.semanticScore().isPresent()
                ? rounded(h.semanticScore().getAsDouble())
                : JsonValue.NULL);
  }

  private static JsonValue rounded(double score) {
    double rounded = Math.round(score * 1_000_000d) / 1_000_000d;
    return JsonValue.of(BigDecimal.valueOf(rounded).stripTrailingZeros());
  }

  /** {@code t} as an ISO-8601 UTC JSON string, e.g. {@code "2026-11-21T07:00:00.123Z"}. */
  public static JsonValue.JsonString time(Instant t) {
    return JsonValue.of(t.toString());
  }

  // ---------------------------------------------------------------- readers

  /**
   * Reads a state entry of {@code namespace} from {@code json}; {@code path} names it in errors.
   */
  public static StateEntry readState(JsonValue json, Namespace namespace, String path) {
    Fields f = Fields.of(json, path);
    return new StateEntry(
        namespace,
        f.wrap("key", () -> StateKey.of(f.string("key"))),
        f.value("value"),
        f.positiveLong("version"),
        f.time("updated_at"));
  }

  /** Reads a memory of {@code namespace} from {@code json}. */
  public static Memory readMemory(JsonValue json, Namespace namespace, String path) {
    Fields f = Fields.of(json, path);
    MemoryId id = MemoryId.of(f.positiveLong("id"));
    List<Tag> tags = new ArrayList<>();
    List<JsonValue> rawTags = f.array("tags");
    for (int i = 0; i < rawTags.size(); i++) {
      int index = i;
      tags.add(
          f.wrap(
              "tags[" + i + "]",
              () -> Tag.of(Fields.asString(rawTags.get(index), f.path("tags[" + index + "]")))));
    }
    return f.wrap(
        "",
        () ->
            new Memory(
                id,
                namespace,
                f.string("text"),
                tags,
                Kind.of(f.string("kind")),
                f.object("metadata"),
                f.optionalTime("occurred_at"),
                f.optionalString("key").map(MemoryKey::of),
                f.time("created_at"),
                f.time("updated_at")));
  }

  /** Reads a goal of {@code namespace} with its timeline from {@code json}. */
  public static Goal readGoal(JsonValue json, Namespace namespace, String path) {
    Fields f = Fields.of(json, path);
    GoalId id = GoalId.of(f.positiveLong("id"));
    List<ProgressNote> notes = new ArrayList<>();
    List<JsonValue> raw = f.array("progress");
    for (int i = 0; i < raw.size(); i++) {
      Fields n = Fields.of(raw.get(i), f.path("progress[" + i + "]"));
      notes.add(
          n.wrap(
              "",
              () ->
                  new ProgressNote(
                      n.time("at"),
                      GoalStatus.parse(n.string("from"), n.path("from")),
                      GoalStatus.parse(n.string("to"), n.path("to")),
                      n.optionalString("note"))));
    }
    return f.wrap(
        "",
        () ->
            new Goal(
                id,
                namespace,
                f.string("title"),
                GoalStatus.parse(f.string("status"), f.path("status")),
                f.optionalTime("due_at"),
                notes,
                f.time("created_at"),
                f.time("updated_at")));
  }

  /**
   * Parses an ISO-8601 time such as {@code 2026-11-21T07:00:00Z} or one with an offset ({@code
   * +02:00}), or a date ({@code 2026-11-21}, meaning its start in UTC).
   *
   * @throws ValidationException naming {@code field} when it is none of these
   */
  public static Instant parseTime(String text, String field) {
    Limits.required(text, field);
    String t = text.trim();
    try {
      if (t.length() == 10) {
        return java.time.LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      }
      return java.time.OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          field,
          "must be an ISO-8601 time such as 2026-11-21T07:00:00Z or a date such as 2026-11-21: '"
              + Limits.clip(text)
              + "'");
    }
  }

  /** Typed access to the members of a JSON object, with errors naming the member's path. */
  public static final class Fields {
    private final JsonObject object;
    private final String path;

    private Fields(JsonObject object, String path) {
      this.object = object;
      this.path = path;
    }

    /** Wraps {@code json}, which must be an object. */
    public static Fields of(JsonValue json, String path) {
      if (!(json instanceof JsonObject o)) {
        throw new ValidationException(path.isEmpty() ? "body" : path, "must be a JSON object");
      }
      return new Fields(o, path);
    }

    /** The path of member {@code name}, e.g. {@code namespaces[0].memories[3].text}. */
    public String path(String name) {
      return path.isEmpty() ? name : name.isEmpty() ? path : path + "." + name;
    }

    /** Runs {@code read}, prefixing the field of a validation error with this object's path. */
    public <T> T wrap(String name, java.util.function.Supplier<T> read) {
      try {
        return read.get();
      } catch (ValidationException e) {
        String field =
            e.field().startsWith(path) && !path.isEmpty()
                ? e.field()
                : path(name.isEmpty() ? e.field() : name);
        throw new ValidationException(field, e.rule());
      }
    }

    /** The members. */
    public Map<String, JsonValue> members() {
      return object.members();
    }

    /** Member {@code name}, required. */
    public JsonValue value(String name) {
      JsonValue v = object.members().get(name);
      if (v == null) {
        throw new ValidationException(path(name), "is required");
      }
      return v;
    }

    /** Member {@code name}, absent or null as empty. */
    public Optional<JsonValue> optional(String name) {
      JsonValue v = object.members().get(name);
      return v == null || v instanceof JsonValue.JsonNull ? Optional.empty() : Optional.of(v);
    }

    /** A required string member. */
    public String string(String name) {
      return asString(value(name), path(name));
    }

    /** An optional string member. */
    public Optional<String> optionalString(String name) {
      return optional(name).map(v -> asString(v, path(name)));
    }

    /** A required whole-number member of at least 1. */
    public long positiveLong(String name) {
      JsonValue v = value(name);
      if (v instanceof JsonValue.JsonNumber n) {
        try {
          long l = n.value().longValueExact();
          if (l >= 1) {
            return l;
          }
        } catch (ArithmeticException e) {
          // reported below
        }
      }
      throw new ValidationException(path(name), "must be a whole number of at least 1");
    }

    /** A required time member. */
    public Instant time(String name) {
      return parseTime(string(name), path(name));
    }

    /** An optional time member. */
    public Optional<Instant> optionalTime(String name) {
      return optionalString(name).map(s -> parseTime(s, path(name)));
    }

    /** A required object member. */
    public JsonObject object(String name) {
      JsonValue v = value(name);
      if (v instanceof JsonObject o) {
        return o;
      }
      throw new ValidationException(path(name), "must be a JSON object");
    }

    /** A required array member. */
    public List<JsonValue> array(String name) {
      JsonValue v = value(name);
      if (v instanceof JsonValue.JsonArray a) {
        return a.values();
      }
      throw new ValidationException(path(name), "must be a JSON array");
    }

    /** {@code v} as a string, or a validation error for {@code field}. */
    public static String asString(JsonValue v, String field) {
      if (v instanceof JsonValue.JsonString s) {
        return s.value();
      }
      throw new ValidationException(field, "must be a string");
    }
  }
}
