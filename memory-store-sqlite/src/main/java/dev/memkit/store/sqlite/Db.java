package dev.memkit.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One SQLite connection with a cache of prepared statements. Used by one thread at a time. Every
 * method turns {@link SQLException} into {@link dev.memkit.core.error.StoreUnavailableException}.
 */
final class Db implements AutoCloseable {
  private static final int CACHE_SIZE = 256;

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final Connection connection;
  private final String where;
  private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
      if (size() > CACHE_SIZE) {
        closeQuietly(eldest.getValue());
        return true;
      }
      return false;
    }
  };

  Db(Connection connection, String where) {
    this.connection = connection;
    this.where = where;
  }

  /** The database's name for error messages. */
  String where() {
    return where;
  }

  Connection connection() {
    return connection;
  }

  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /**
   * Forgets the cached statement for {@code sql} after it failed: the driver may have finalized it
   * (it does on a failed {@code COMMIT}), and a dead statement kept in the cache would fail every
   * later use with "statement is not executing", so the next use prepares it afresh.
   */
  private SQLException forget(String sql, SQLException failure) {
    PreparedStatement ps = statements.remove(sql);
    if (ps != null) {
      closeQuietly(ps);
    }
    return failure;
  }

  /** Runs {@code sql} (no result rows expected) and returns the number of rows changed. */
  int update(String sql, Object... params) {
    try {
      PreparedStatement ps = prepare(sql);
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailure.wrap(forget(sql, e), "run " + verbOf(sql), where);
    }
  }

  /** Runs {@code sql}, which may return rows that are ignored (PRAGMA, BEGIN, VACUUM …); raw failures. */
  void execute(String sql, Object... params) throws SQLException {
    try {
      PreparedStatement ps = prepare(sql);
      bind(ps, params);
      ps.execute();
      ResultSet rs = ps.getResultSet();
      if (rs != null) {
        rs.close();
      }
    } catch (SQLException e) {
      throw forget(sql, e);
    }
  }

  /** Work done inside a transaction, raw failures. */
  @FunctionalInterface
  interface Body {
    void run() throws SQLException;
  }

  /**
   * Runs {@code body} between {@code BEGIN IMMEDIATE} and {@code COMMIT} (outside the writer's
   * batches: migrations, restores, checks); rolls back and rethrows when it fails.
   */
  void inTransaction(Body body) throws SQLException {
    execute("BEGIN IMMEDIATE");
    try {
      body.run();
      execute("COMMIT");
    } catch (SQLException | RuntimeException e) {
      try {
        execute("ROLLBACK");
      } catch (SQLException ignored) {
        // the transaction is already gone
      }
      throw e;
    }
  }

  /** The rows of {@code sql}. */
  <T> List<T> list(String sql, Row<T> row, Object... params) {
    try {
      PreparedStatement ps = prepare(sql);
      bind(ps, params);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.map(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw SqlFailure.wrap(forget(sql, e), "run " + verbOf(sql), where);
    }
  }

  /** The first row of {@code sql}, if any. */
  <T> Optional<T> first(String sql, Row<T> row, Object... params) {
    try {
      PreparedStatement ps = prepare(sql);
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlFailure.wrap(forget(sql, e), "run " + verbOf(sql), where);
    }
  }

  /** The first column of the first row of {@code sql} as a number; 0 when there is no row. */
  long number(String sql, Object... params) {
    return first(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (p instanceof String s) {
        ps.setString(i + 1, s);
      } else if (p instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (p instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setObject(i + 1, p);
      }
    }
  }

  private static String verbOf(String sql) {
    String s = sql.stripLeading();
    int space = s.indexOf(' ');
    String verb = (space < 0 ? s : s.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
    return switch (verb) {
      case "select", "with" -> "a query";
      case "insert" -> "an insert";
      case "update" -> "an update";
      case "delete" -> "a delete";
      default -> "a statement";
    };
  }

  @Override
  public void close() {
    for (PreparedStatement ps : statements.values()) {
      closeQuietly(ps);
    }
    statements.clear();
    try {
      connection.close();
    } catch (SQLException e) {
      // closing: nothing more to do with this connection
    }
  }

  private static void closeQuietly(PreparedStatement ps) {
    try {
      ps.close();
    } catch (SQLException e) {
      // a statement that fails to close holds nothing we can release
    }
  }
}
