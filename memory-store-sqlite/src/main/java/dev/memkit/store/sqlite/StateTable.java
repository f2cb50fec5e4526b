package dev.memkit.store.sqlite;

import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.out.StateRecords;
import dev.memkit.jackson.JsonText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** State entries in table {@code state}; values are compact JSON text. */
final class StateTable implements StateRecords {
  private static final String COLUMNS = "namespace, key, value, version, updated_at";
  private final SqlTransaction tx;

  StateTable(SqlTransaction tx) {
    this.tx = tx;
  }

  @Override
  public Optional<StateEntry> find(Namespace namespace, StateKey key) {
    return tx.db().first("SELECT " + COLUMNS + " FROM state WHERE namespace = ? AND key = ?", StateTable::entry,
        namespace.value(), key.value());
  }

  @Override
  public List<StateEntry> list(Namespace namespace, String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return tx.db().list("SELECT " + COLUMNS + " FROM state WHERE namespace = ? ORDER BY key", StateTable::entry,
          namespace.value());
    }
    return tx.db().list("SELECT " + COLUMNS + " FROM state WHERE namespace = ? AND key >= ? AND substr(key, 1, ?) = ?"
        + " ORDER BY key", StateTable::entry,
        namespace.value(), prefix, prefix.codePointCount(0, prefix.length()), prefix);
  }

  @Override
  public void put(StateEntry entry) {
    tx.writing().update("INSERT INTO state (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)"
        + " ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, version = excluded.version,"
        + " updated_at = excluded.updated_at",
        entry.namespace().value(), entry.key().value(), JsonText.write(entry.value()), entry.version(),
        Times.text(entry.updatedAt()));
  }

  @Override
  public boolean delete(Namespace namespace, StateKey key) {
    return tx.writing().update("DELETE FROM state WHERE namespace = ? AND key = ?", namespace.value(), key.value()) > 0;
  }

  @Override
  public void deleteAll(Namespace namespace) {
    tx.writing().update("DELETE FROM state WHERE namespace = ?", namespace.value());
  }

  private static StateEntry entry(ResultSet rs) throws SQLException {
    return new StateEntry(Namespace.of(rs.getString(1)), StateKey.of(rs.getString(2)),
        JsonText.parse(rs.getString(3), "value"), rs.getLong(4), Times.parse(rs.getString(5)));
  }
}
