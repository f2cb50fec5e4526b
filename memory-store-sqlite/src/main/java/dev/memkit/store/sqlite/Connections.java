package dev.memkit.store.sqlite;

import dev.memkit.store.jdbc.SqlConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.JDBC;

/** Opens connections to a database file, configured for their role. */
final class Connections {
  private Connections() {}

  /** What a connection is for. */
  enum Role {
    /** The one connection that writes: WAL, the configured {@code synchronous}. */
    WRITER,
    /** A connection that only reads ({@code query_only}). */
    READER,
    /** A short-lived connection for checks and backups. */
    PLAIN
  }

  /** Opens {@code file} for {@code role}. */
  static SqlConnection open(Path file, Role role, SqliteSettings settings) throws SQLException {
    Connection c = new JDBC().connect(JDBC.PREFIX + file, new Properties());
    if (c == null) {
      throw new SQLException("the SQLite driver refused the path " + file);
    }
    SqlConnection db = SqlConnection.cached(c, file.toString(), SqlFailure::wrap);
    try {
      db.execute("PRAGMA busy_timeout = " + settings.busyTimeoutMillis());
      switch (role) {
        case WRITER -> {
          Migrations.refuseNewer(db);
          db.execute("PRAGMA journal_mode = WAL");
          db.execute("PRAGMA synchronous = " + (settings.fullSync() ? "FULL" : "NORMAL"));
        }
        case READER -> db.execute("PRAGMA query_only = 1");
        case PLAIN -> {
          // defaults
        }
      }
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Work done inside a transaction, raw failures. */
  @FunctionalInterface
  interface Body {
    void run() throws SQLException;
  }

  /**
   * Runs {@code body} on {@code db} between {@code BEGIN IMMEDIATE} and {@code COMMIT} (outside the
   * writer's batches: migrations, restores, checks); rolls back and rethrows when it fails.
   */
  static void inTransaction(SqlConnection db, Body body) throws SQLException {
    db.execute("BEGIN IMMEDIATE");
    try {
      body.run();
      db.execute("COMMIT");
    } catch (SQLException | RuntimeException e) {
      try {
        db.execute("ROLLBACK");
      } catch (SQLException ignored) {
        // the transaction is already gone
      }
      throw e;
    }
  }
}
