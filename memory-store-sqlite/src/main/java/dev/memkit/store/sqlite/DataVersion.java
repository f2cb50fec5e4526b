package dev.memkit.store.sqlite;

import dev.memkit.store.jdbc.SqlConnection;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * The store's data version: SQLite's {@code PRAGMA data_version} on a read-only connection of its
 * own, which changes whenever another connection — this process's writer, or another process —
 * commits to the file (a connection's own commits do not change it; this one never writes). One
 * statement on an open connection: far cheaper than a read.
 *
 * <p>The numbers of two connections cannot be compared, so when the connection fails and a new one
 * is opened, its numbers are moved past every number given before.
 */
final class DataVersion {
  /** How far the numbers of each new connection are moved: more commits than one file will see. */
  private static final long GENERATION = 1L << 40;

  private final ReaderPool.Opener opener;

  /** Guarded by {@code this}. */
  private SqlConnection db;

  private long generation;
  private boolean closed;

  DataVersion(ReaderPool.Opener opener) {
    this.opener = opener;
  }

  /** The data version now; empty when the store is closed or the file cannot be read. */
  synchronized OptionalLong read() {
    if (closed) {
      return OptionalLong.empty();
    }
    try {
      if (db == null) {
        db = opener.open();
        generation++;
      }
      return OptionalLong.of(generation * GENERATION + db.number("PRAGMA data_version"));
    } catch (SQLException | RuntimeException e) {
      // no version: the reads go to the file, which reports the failure itself
      closeConnection();
      return OptionalLong.empty();
    }
  }

  /** Closes the connection; later calls return empty. */
  synchronized void close() {
    closed = true;
    closeConnection();
  }

  private void closeConnection() {
    if (db != null) {
      db.close();
      db = null;
    }
  }
}
