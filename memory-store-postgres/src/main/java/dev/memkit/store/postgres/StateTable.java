package dev.memkit.store.postgres;

import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.out.StateRecords;
import dev.memkit.jackson.JsonText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * State entries in table {@code state}; values are compact JSON text. In a write, {@link #find}
 * locks the row and remembers the version it saw; {@link #put} then writes with a compare-and-set
 * on that version ({@code UPDATE … WHERE version = ?}), or, when it saw no row, inserts only if
 * nobody else did meanwhile. Either way a lost update is impossible: a concurrent writer's change
 * makes the unit of work run again, and the second run sees it.
 */
final class StateTable implements StateRecords {
  private static final String COLUMNS = "namespace, key, value, version, updated_at";
  private final PgTransaction tx;
  /** What {@link #find} saw in this unit of work, per namespace and key: a version, or 0 for no row. */
  private final Map<String, Long> seen = new HashMap<>();

  StateTable(PgTransaction tx) {
    this.tx = tx;
  }

  @Override
  public Optional<StateEntry> find(Namespace namespace, StateKey key) {
    Optional<StateEntry> found = tx.pg().first("SELECT " + COLUMNS + " FROM state WHERE namespace = ? AND key = ?"
        + tx.lock(), StateTable::entry, namespace.value(), key.value());
    if (tx.writable()) {
      seen.put(slot(namespace, key), found.map(StateEntry::version).orElse(0L));
    }
    return found;
  }

  @Override
  public List<StateEntry> list(Namespace namespace, String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return tx.pg().list("SELECT " + COLUMNS + " FROM state WHERE namespace = ? ORDER BY key", StateTable::entry,
          namespace.value());
    }
    return tx.pg().list("SELECT " + COLUMNS + " FROM state WHERE namespace = ? AND key >= ? AND starts_with(key, ?)"
        + " ORDER BY key", StateTable::entry, namespace.value(), prefix, prefix);
  }

  @Override
  public void put(StateEntry entry) {
    Pg pg = tx.writing();
    String slot = slot(entry.namespace(), entry.key());
    Long before = seen.get(slot);
    String value = JsonText.write(entry.value());
    String at = Times.text(entry.updatedAt());
    String ns = entry.namespace().value();
    String key = entry.key().value();
    int changed;
    if (before == null) {
      changed = pg.update("INSERT INTO state (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (namespace, key)"
          + " DO UPDATE SET value = excluded.value, version = excluded.version, updated_at = excluded.updated_at",
          ns, key, value, entry.version(), at);
    } else if (before == 0L) {
      changed = pg.update("INSERT INTO state (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (namespace, key) DO NOTHING",
          ns, key, value, entry.version(), at);
    } else {
      changed = pg.update("UPDATE state SET value = ?, version = ?, updated_at = ? WHERE namespace = ? AND key = ?"
          + " AND version = ?", value, entry.version(), at, ns, key, before);
    }
    if (changed != 1) {
      throw new PgFailure.ConcurrentChange("state key '" + key + "'");
    }
    seen.put(slot, entry.version());
  }

  @Override
  public boolean delete(Namespace namespace, StateKey key) {
    seen.remove(slot(namespace, key));
    return tx.writing().update("DELETE FROM state WHERE namespace = ? AND key = ?", namespace.value(), key.value()) > 0;
  }

  @Override
  public void deleteAll(Namespace namespace) {
    seen.keySet().removeIf(s -> s.startsWith(namespace.value() + "\u0000"));
    tx.writing().update("DELETE FROM state WHERE namespace = ?", namespace.value());
  }

  private static String slot(Namespace namespace, StateKey key) {
    return namespace.value() + "\u0000" + key.value();
  }

  private static StateEntry entry(ResultSet rs) throws SQLException {
    return new StateEntry(Namespace.of(rs.getString(1)), StateKey.of(rs.getString(2)),
        JsonText.parse(rs.getString(3), "value"), rs.getLong(4), Times.parse(rs.getString(5)));
  }
}
