package dev.memkit.store.postgres;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.Namespace;
import dev.memkit.jackson.JsonText;
import dev.memkit.core.port.out.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit log in table {@code audit}; its sequence is an identity column, never reused. An entry
 * is written in the same transaction as the change it describes, so both are kept or neither.
 */
final class AuditTable implements AuditLog {
  private final PgTransaction tx;

  AuditTable(PgTransaction tx) {
    this.tx = tx;
  }

  @Override
  public AuditEntry append(AuditEntry entry) {
    long sequence = tx.writing().number("INSERT INTO audit (at, at_s, at_n, namespace, actor, action, target, before,"
        + " after, diff) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING sequence",
        Times.text(entry.at()), entry.at().getEpochSecond(), entry.at().getNano(), entry.namespace().value(),
        entry.actor().value(), entry.action(), entry.target(),
        entry.before().map(JsonText::write).orElse(null), entry.after().map(JsonText::write).orElse(null),
        entry.diff());
    return entry.withSequence(sequence);
  }

  @Override
  public List<AuditEntry> query(Optional<Namespace> namespace, AuditQuery query) {
    StringBuilder sql = new StringBuilder(
        "SELECT sequence, at, namespace, actor, action, target, before, after, diff FROM audit WHERE true");
    List<Object> params = new ArrayList<>();
    if (namespace.isPresent()) {
      sql.append(" AND namespace = ?");
      params.add(namespace.get().value());
    }
    if (query.target().isPresent()) {
      String t = query.target().get();
      sql.append(" AND (target = ? OR starts_with(target, ?))");
      params.add(t);
      params.add(t + ":");
    }
    query.range().from().ifPresent(f -> Times.appendBound(sql, params, "at_s", "at_n", f, true));
    query.range().to().ifPresent(t -> Times.appendBound(sql, params, "at_s", "at_n", t, false));
    if (query.beforeSequence().isPresent()) {
      sql.append(" AND sequence < ?");
      params.add(query.beforeSequence().getAsLong());
    }
    sql.append(" ORDER BY sequence DESC LIMIT ?");
    params.add(query.limit());
    return tx.pg().list(sql.toString(), AuditTable::entry, params.toArray());
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    return new AuditEntry(rs.getLong(1), Times.parse(rs.getString(2)), Namespace.of(rs.getString(3)),
        Actor.of(rs.getString(4)), rs.getString(5), rs.getString(6), json(rs.getString(7), "before"),
        json(rs.getString(8), "after"), rs.getString(9));
  }

  private static Optional<JsonValue> json(String text, String field) {
    return text == null ? Optional.empty() : Optional.of(JsonText.parse(text, field));
  }
}
