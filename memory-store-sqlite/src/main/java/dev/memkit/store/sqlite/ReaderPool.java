package dev.memkit.store.sqlite;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.port.out.StoreWork;
import dev.memkit.store.jdbc.JdbcTransaction;
import dev.memkit.store.jdbc.SqlConnection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * A small pool of read-only connections, opened on demand. In WAL mode each read sees the last
 * committed state as of its start, while the writer goes on writing.
 */
final class ReaderPool {
  /** Opens a reader connection. */
  @FunctionalInterface
  interface Opener {
    SqlConnection open() throws SQLException;
  }

  private final Opener opener;
  private final String where;
  private final Semaphore permits;
  private final ConcurrentLinkedQueue<SqlConnection> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  ReaderPool(int size, Opener opener, String where) {
    this.opener = opener;
    this.where = where;
    this.permits = new Semaphore(size);
  }

  /** Runs {@code work} in a read transaction on a pooled connection. */
  <T> T read(StoreWork<T> work) {
    permits.acquireUninterruptibly();
    SqlConnection db = null;
    boolean healthy = false;
    try {
      if (closed) {
        throw new StoreUnavailableException("store sqlite:" + where + " is closed");
      }
      db = idle.poll();
      if (db == null) {
        db = opener.open();
      }
      db.execute("BEGIN");
      JdbcTransaction tx = new JdbcTransaction(db, false, SqliteDialect.INSTANCE);
      try {
        return work.run(tx);
      } finally {
        tx.end();
        db.execute("COMMIT");
        healthy = true;
      }
    } catch (SQLException e) {
      throw SqlFailure.wrap(e, "read", where);
    } finally {
      if (db != null) {
        if (healthy && !closed) {
          idle.add(db);
        } else {
          db.close();
        }
      }
      permits.release();
    }
  }

  /** Closes every connection; reads still running close theirs when they end. */
  void close() {
    closed = true;
    SqlConnection db;
    while ((db = idle.poll()) != null) {
      db.close();
    }
  }
}
