package dev.memkit.store.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.store.engine.AuditStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit log held in memory: each entry as the line {@code memory_audit.log} holds for it
 * (compact UTF-8 JSON, {@link RecordJson#audit}), plus the fields queries filter on. Entries are
 * parsed back only when a query returns them. Not thread-safe: the record engine's lock guards it.
 */
final class AuditTrail implements AuditStorage {
  /** One entry: what queries filter on, and its JSON line without the newline. */
  record Row(
      long sequence,
      Instant at,
      Namespace namespace,
      Actor actor,
      String action,
      String target,
      byte[] json) {
    /** The entry without its before, after and diff: enough for {@link AuditQuery#matches}. */
    AuditEntry shell() {
      return new AuditEntry(
          sequence, at, namespace, actor, action, target, Optional.empty(), Optional.empty(), "");
    }
  }

  private final ArrayList<Row> rows = new ArrayList<>();

  @Override
  public long lastSequence() {
    return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).sequence();
  }

  /**
   * The targets of the first {@code most} entries with a sequence above {@code sequence}, as {@code
   * #<seq> <target>}.
   */
  List<String> targetsAfter(long sequence, int most) {
    List<String> out = new ArrayList<>();
    for (Row row : rows) {
      if (row.sequence() > sequence && out.size() < most) {
        out.add("#" + row.sequence() + " " + row.action() + " " + row.target());
      }
    }
    return out;
  }

  int size() {
    return rows.size();
  }

  void add(Row row) {
    rows.add(row);
  }

  /** Keeps {@code entry} as its line. */
  @Override
  public void append(AuditEntry entry) {
    rows.add(row(entry));
  }

  /** The newest entry's row. */
  Row last() {
    return rows.get(rows.size() - 1);
  }

  @Override
  public void removeLast() {
    rows.remove(rows.size() - 1);
  }

  /**
   * The largest {@code N} of the targets {@code prefix:N} (e.g. {@code memory:12}), 0 when there is
   * none.
   */
  long maxTargetId(String prefix) {
    long max = 0;
    String p = prefix + ":";
    for (Row r : rows) {
      if (r.target().startsWith(p)) {
        try {
          max = Math.max(max, Long.parseLong(r.target().substring(p.length())));
        } catch (NumberFormatException e) {
          // not an id target
        }
      }
    }
    return max;
  }

  /** The row of a stored {@code entry}. */
  static Row row(AuditEntry entry) {
    byte[] json = RecordJson.audit(entry).toJson().getBytes(StandardCharsets.UTF_8);
    return new Row(
        entry.sequence(),
        entry.at(),
        entry.namespace(),
        entry.actor(),
        entry.action(),
        entry.target(),
        json);
  }

  /**
   * The row of the audit line {@code line}, reading only the fields queries filter on; the rest is
   * checked to be JSON and parsed when a query returns the entry.
   *
   * @throws IllegalArgumentException saying what is wrong when the line is not an audit entry
   */
  static Row row(byte[] line) {
    long sequence = 0;
    String at = null;
    String namespace = null;
    String actor = null;
    String action = null;
    String target = null;
    boolean diff = false;
    try (JsonParser p = SnapshotFile.parser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "sequence" -> sequence = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
          case "at" -> at = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "namespace" -> namespace = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "actor" -> actor = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "action" -> action = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "target" -> target = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "diff" -> diff = t == JsonToken.VALUE_STRING;
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IllegalArgumentException("is cut short or has content after it");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "is not valid JSON: " + SnapshotFile.firstLine(e.getMessage()), e);
    }
    if (sequence < 1
        || at == null
        || namespace == null
        || actor == null
        || action == null
        || target == null
        || !diff) {
      throw new IllegalArgumentException(
          "lacks sequence, at, namespace, actor, action, target or diff");
    }
    try {
      return new Row(
          sequence,
          RecordJson.parseTime(at, "at"),
          Namespace.of(namespace),
          Actor.of(actor),
          action,
          target,
          line);
    } catch (ValidationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The row of an entry read back as JSON. */
  static Row row(JsonValue json) {
    AuditEntry entry = read(json);
    return new Row(
        entry.sequence(),
        entry.at(),
        entry.namespace(),
        entry.actor(),
        entry.action(),
        entry.target(),
        json.toJson().getBytes(StandardCharsets.UTF_8));
  }

  /** Reads an audit entry from its JSON form. */
  static AuditEntry read(JsonValue json) {
    RecordJson.Fields f = RecordJson.Fields.of(json, "audit");
    return new AuditEntry(
        f.positiveLong("sequence"),
        f.time("at"),
        Namespace.of(f.string("namespace")),
        Actor.of(f.string("actor")),
        f.string("action"),
        f.string("target"),
        f.optional("before"),
        f.optional("after"),
        f.string("diff"));
  }

  @Override
  public List<AuditEntry> query(Optional<Namespace> namespace, AuditQuery query) {
    List<AuditEntry> out = new ArrayList<>();
    for (int i = rows.size() - 1; i >= 0 && out.size() < query.limit(); i--) {
      Row r = rows.get(i);
      if (namespace.map(n -> n.equals(r.namespace())).orElse(true) && query.matches(r.shell())) {
        out.add(read(SnapshotFile.parse(r.json(), 0, r.json().length)));
      }
    }
    return out;
  }
}
