package dev.memkit.store.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One JDBC connection with small helpers for statements, used by one thread at a time. Parameters
 * are bound by their Java type ({@code null}, {@link String}, {@link Long}, {@link Integer}, {@link
 * TextArray}, else {@code setObject}). Every helper but {@link #execute} turns {@link SQLException}
 * into the store's error through its {@link SqlFailures}.
 *
 * <p>With a statement cache (a connection that lives as long as the store), prepared statements are
 * kept, the least recently used closed past {@value #CACHE_SIZE}, and one that failed is forgotten:
 * the driver may have finalized it, and a dead statement kept would fail every later use. Without
 * one (a pooled connection borrowed for one unit of work), each statement is closed after its use.
 */
public final class SqlConnection implements AutoCloseable {
  private static final int CACHE_SIZE = 256;

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface Row<T> {
    /** The value of the current row of {@code rs}. */
    T map(ResultSet rs) throws SQLException;
  }

  /** A text array parameter ({@code text[]}), for a driver that has arrays. */
  public record TextArray(List<String> values) {
    /** Copies {@code values}. */
    public TextArray {
      values = List.copyOf(values);
    }
  }

  private final Connection connection;
  private final String where;
  private final SqlFailures failures;

  /** The cached statements by their SQL; null without a cache. */
  private final Map<String, PreparedStatement> statements;

  private SqlConnection(Connection connection, String where, SqlFailures failures, boolean cached) {
    this.connection = connection;
    this.where = where;
    this.failures = failures;
    this.statements =
        !cached
            ? null
            : new LinkedHashMap<>(64, 0.75f, true) {
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
  }

  /** {@code connection}, its statements kept for reuse; {@code where} names the store in errors. */
  public static SqlConnection cached(Connection connection, String where, SqlFailures failures) {
    return new SqlConnection(connection, where, failures, true);
  }

  /**
   * {@code connection}, each statement closed after its use; {@code where} names the store in
   * errors.
   */
  public static SqlConnection uncached(Connection connection, String where, SqlFailures failures) {
    return new SqlConnection(connection, where, failures, false);
  }

  /** The store's name for error messages. */
  public String where() {
    return where;
  }

  /** The underlying connection. */
  public Connection connection() {
    return connection;
  }

  /** Runs {@code sql} (no result rows expected) and returns the number of rows changed. */
  public int update(String sql, Object... params) {
    PreparedStatement ps = null;
    try {
      ps = prepare(sql);
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failed(sql, e);
    } finally {
      release(ps);
    }
  }

  /**
   * Runs {@code sql}, which may return rows that are ignored (PRAGMA, BEGIN, VACUUM …); raw
   * failures.
   */
  public void execute(String sql, Object... params) throws SQLException {
    PreparedStatement ps = null;
    try {
      ps = prepare(sql);
      bind(ps, params);
      ps.execute();
      ResultSet rs = ps.getResultSet();
      if (rs != null) {
        rs.close();
      }
    } catch (SQLException e) {
      throw forget(sql, e);
    } finally {
      release(ps);
    }
  }

  /** The rows of {@code sql}. */
  public <T> List<T> list(String sql, Row<T> row, Object... params) {
    return query(
        sql,
        params,
        rs -> {
          List<T> out = new ArrayList<>();
          while (rs.next()) {
            out.add(row.map(rs));
          }
          return out;
        });
  }

  /** The first row of {@code sql}, if any. */
  public <T> Optional<T> first(String sql, Row<T> row, Object... params) {
    return query(sql, params, rs -> rs.next() ? Optional.of(row.map(rs)) : Optional.empty());
  }

  /** Reads a whole result set. */
  @FunctionalInterface
  private interface Result<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Runs query {@code sql} and reads its result with {@code result}. */
  private <T> T query(String sql, Object[] params, Result<T> result) {
    PreparedStatement ps = null;
    try {
      ps = prepare(sql);
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return result.read(rs);
      }
    } catch (SQLException e) {
      throw failed(sql, e);
    } finally {
      release(ps);
    }
  }

  /**
   * The first column of the first row of {@code sql} as a number; 0 when there is no row or it is
   * null.
   */
  public long number(String sql, Object... params) {
    return first(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    if (statements == null) {
      return connection.prepareStatement(sql);
    }
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /** Closes {@code ps} after its use when statements are not cached. */
  private void release(PreparedStatement ps) {
    if (statements == null && ps != null) {
      closeQuietly(ps);
    }
  }

  /**
   * Forgets the cached statement for {@code sql} after it failed, so that the next use prepares it
   * afresh.
   */
  private SQLException forget(String sql, SQLException failure) {
    PreparedStatement ps = statements == null ? null : statements.remove(sql);
    if (ps != null) {
      closeQuietly(ps);
    }
    return failure;
  }

  private RuntimeException failed(String sql, SQLException e) {
    return failures.wrap(forget(sql, e), "run " + verbOf(sql), where);
  }

  private void bind(PreparedStatement ps, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p == null) {
        ps.setNull(i + 1, Types.VARCHAR);
      } else if (p instanceof String s) {
        ps.setString(i + 1, s);
      } else if (p instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (p instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (p instanceof TextArray a) {
        Array array = connection.createArrayOf("text", a.values().toArray());
        ps.setArray(i + 1, array);
      } else {
        ps.setObject(i + 1, p);
      }
    }
  }

  /** What kind of statement {@code sql} is, for error messages. */
  static String verbOf(String sql) {
    String s = sql.stripLeading();
    int space = s.indexOf(' ');
    String verb = (space < 0 ? s : s.substring(0, space)).toLowerCase(Locale.ROOT);
    return switch (verb) {
      case "select", "with" -> "a query";
      case "insert" -> "an insert";
      case "update" -> "an update";
      case "delete" -> "a delete";
      default -> "a statement";
    };
  }

  /** Closes the cached statements and the connection. */
  @Override
  public void close() {
    if (statements != null) {
      for (PreparedStatement ps : statements.values()) {
        closeQuietly(ps);
      }
      statements.clear();
    }
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
