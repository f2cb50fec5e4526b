package dev.memkit.store.sqlite;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.out.AuditLog;
import dev.memkit.jackson.JsonText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The audit log in table {@code audit}; its sequence is an AUTOINCREMENT rowid, never reused. */
final class AuditTable implements AuditLog {
  private final SqlTransaction tx;

  AuditTable(SqlTransaction tx) {
    this.tx = tx;
  }

  @Override
  public AuditEntry append(AuditEntry entry) {
    Db db = tx.writing();
    long sequence = db.number("INSERT INTO audit (at, at_s, at_n, namespace, actor, action, target, before, after, diff)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING sequence",
        Times.text(entry.at()), entry.at().getEpochSecond(), (long) entry.at().getNano(), entry.namespace().value(),
        entry.actor().value(), entry.action(), entry.target(),
        entry.before().map(JsonText::write).orElse(null), entry.after().map(JsonText::write).orElse(null),
        entry.diff());
    return entry.withSequence(sequence);
  }

  @Override
  public List<AuditEntry> query(Optional<Namespace> namespace, AuditQuery query) {
    StringBuilder sql = new StringBuilder(
        "SELECT sequence, at, namespace, actor, action, target, before, after, diff FROM audit WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (namespace.isPresent()) {
      sql.append(" AND namespace = ?");
      params.add(namespace.get().value());
    }
    if (query.target().isPresent()) {
      String t = query.target().get();
      String under = t + ":";
      sql.append(" AND (target = ? OR substr(target, 1, ?) = ?)");
      params.add(t);
      params.add(under.codePointCount(0, under.length()));
      params.add(under);
    }
    query.range().from().ifPresent(f -> Times.appendBound(sql, params, "at_s", "at_n", f, true));
    query.range().to().ifPresent(t -> Times.appendBound(sql, params, "at_s", "at_n", t, false));
    if (query.beforeSequence().isPresent()) {
      sql.append(" AND sequence < ?");
      params.add(query.beforeSequence().getAsLong());
    }
    sql.append(" ORDER BY sequence DESC LIMIT ?");
    params.add(query.limit());
    return tx.db().list(sql.toString(), AuditTable::entry, params.toArray());
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
