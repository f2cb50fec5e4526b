package dev.memkit.store.jdbc;

import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.out.StateRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * State entries in table {@code state}; values are compact JSON text. Where the dialect {@linkplain
 * JdbcDialect#comparesAndSetsState() compares and sets}, {@link #find} in a write locks the row and
 * remembers the version it saw; {@link #put} then writes with a compare-and-set on that version
 * ({@code UPDATE … WHERE version = ?}), or, when it saw no row, inserts only if nobody else did
 * meanwhile. Either way a lost update is impossible: a concurrent writer's change throws {@link
 * ConcurrentChange}, the unit of work runs again and the second run sees it.
 */
final class StateTable implements StateRecords {
  private static final String COLUMNS = "namespace, key, value, version, updated_at";
  private final JdbcTransaction tx;

  /**
   * What {@link #find} saw in this unit of work, per namespace and key: a version, or 0 for no row;
   * null without compare-and-set.
   */
  private final Map<String, Long> seen;

  StateTable(JdbcTransaction tx) {
    this.tx = tx;
    this.seen = tx.dialect().comparesAndSetsState() ? new HashMap<>() : null;
  }

  @Override
  public Optional<StateEntry> find(Namespace namespace, StateKey key) {
    Optional<StateEntry> found =
        tx.sql()
            .first(
                "SELECT " + COLUMNS + " FROM state WHERE namespace = ? AND key = ?" + tx.lock(),
                this::entry,
                namespace.value(),
                key.value());
    if (seen != null && tx.writable()) {
      seen.put(slot(namespace, key), found.map(StateEntry::version).orElse(0L));
    }
    return found;
  }

  @Override
  public List<StateEntry> list(Namespace namespace, String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return tx.sql()
          .list(
              "SELECT " + COLUMNS + " FROM state WHERE namespace = ? ORDER BY key",
              this::entry,
              namespace.value());
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT " + COLUMNS + " FROM state WHERE namespace = ? AND key >= ? AND ");
    List<Object> params = new ArrayList<>(List.of(namespace.value(), prefix));
    tx.dialect().appendStartsWith(sql, params, "key", prefix);
    sql.append(" ORDER BY key");
    return tx.sql().list(sql.toString(), this::entry, params.toArray());
  }

  @Override
  public void put(StateEntry entry) {
    SqlConnection sql = tx.writing();
    String value = JsonWriter.compact(entry.value());
    String at = TimeColumns.text(entry.updatedAt());
    String ns = entry.namespace().value();
    String key = entry.key().value();
    String slot = slot(entry.namespace(), entry.key());
    Long before = seen == null ? null : seen.get(slot);
    int changed;
    if (before == null) {
      changed =
          sql.update(
              "INSERT INTO state ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (namespace, key)"
                  + " DO UPDATE SET value = excluded.value, version = excluded.version, updated_at = excluded.updated_at",
              ns,
              key,
              value,
              entry.version(),
              at);
    } else if (before == 0L) {
      changed =
          sql.update(
              "INSERT INTO state ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (namespace, key)"
                  + " DO NOTHING",
              ns,
              key,
              value,
              entry.version(),
              at);
    } else {
      changed =
          sql.update(
              "UPDATE state SET value = ?, version = ?, updated_at = ? WHERE namespace = ? AND key = ?"
                  + " AND version = ?",
              value,
              entry.version(),
              at,
              ns,
              key,
              before);
    }
    if (seen != null) {
      if (changed != 1) {
        throw new ConcurrentChange("state key '" + key + "'");
      }
      seen.put(slot, entry.version());
    }
  }

  @Override
  public boolean delete(Namespace namespace, StateKey key) {
    if (seen != null) {
      seen.remove(slot(namespace, key));
    }
    return tx.writing()
            .update(
                "DELETE FROM state WHERE namespace = ? AND key = ?", namespace.value(), key.value())
        > 0;
  }

  @Override
  public void deleteAll(Namespace namespace) {
    if (seen != null) {
      seen.keySet().removeIf(s -> s.startsWith(namespace.value() + "\u0000"));
    }
    tx.writing().update("DELETE FROM state WHERE namespace = ?", namespace.value());
  }

  private static String slot(Namespace namespace, StateKey key) {
    return namespace.value() + "\u0000" + key.value();
  }

  private StateEntry entry(ResultSet rs) throws SQLException {
    return new StateEntry(
        NameCache.namespace(rs.getString(1)),
        StateKey.of(rs.getString(2)),
        tx.dialect().parseJson(rs.getString(3), "value"),
        rs.getLong(4),
        TimeColumns.parse(rs.getString(5)));
  }
}
