package dev.memkit.store.jdbc;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.out.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit log in table {@code audit}; its sequence is never reused (an {@code AUTOINCREMENT}
 * rowid, an identity column). An entry is written in the same transaction as the change it
 * describes, so both are kept or neither.
 */
final class AuditTable implements AuditLog {
  private final JdbcTransaction tx;

  AuditTable(JdbcTransaction tx) {
    this.tx = tx;
  }

  @Override
  public AuditEntry append(AuditEntry entry) {
    long sequence =
        tx.writing()
            .number(
                "INSERT INTO audit (at, at_s, at_n, namespace, actor, action, target, before,"
                    + " after, diff) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING sequence",
                TimeColumns.text(entry.at()),
                entry.at().getEpochSecond(),
                entry.at().getNano(),
                entry.namespace().value(),
                entry.actor().value(),
                entry.action(),
                entry.target(),
                entry.before().map(JsonWriter::compact).orElse(null),
                entry.after().map(JsonWriter::compact).orElse(null),
                entry.diff());
    return entry.withSequence(sequence);
  }

  @Override
  public List<AuditEntry> query(Optional<Namespace> namespace, AuditQuery query) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT sequence, at, namespace, actor, action, target, before, after, diff FROM audit WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (namespace.isPresent()) {
      sql.append(" AND namespace = ?");
      params.add(namespace.get().value());
    }
    if (query.target().isPresent()) {
      String t = query.target().get();
      sql.append(" AND (target = ?");
      params.add(t);
      tx.dialect().appendStartsWith(sql.append(" OR "), params, "target", t + ":");
      sql.append(')');
    }
    boolean rowValues = tx.dialect().comparesRowValues();
    query
        .range()
        .from()
        .ifPresent(f -> TimeColumns.appendBound(sql, params, "at_s", "at_n", f, true, rowValues));
    query
        .range()
        .to()
        .ifPresent(t -> TimeColumns.appendBound(sql, params, "at_s", "at_n", t, false, rowValues));
    if (query.beforeSequence().isPresent()) {
      sql.append(" AND sequence < ?");
      params.add(query.beforeSequence().getAsLong());
    }
    sql.append(" ORDER BY sequence DESC LIMIT ?");
    params.add(query.limit());
    return tx.sql().list(sql.toString(), this::entry, params.toArray());
  }

  private AuditEntry entry(ResultSet rs) throws SQLException {
    return new AuditEntry(
        rs.getLong(1),
        TimeColumns.parse(rs.getString(2)),
        NameCache.namespace(rs.getString(3)),
        Actor.of(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        json(rs.getString(7), "before"),
        json(rs.getString(8), "after"),
        rs.getString(9));
  }

  private Optional<JsonValue> json(String text, String field) {
    return text == null ? Optional.empty() : Optional.of(tx.dialect().parseJson(text, field));
  }
}
