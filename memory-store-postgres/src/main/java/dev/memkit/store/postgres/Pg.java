package dev.memkit.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One pooled connection inside an open transaction, with small helpers for statements. Every
 * helper turns {@link SQLException} into {@link PgFailure.SqlFailed}, which keeps the driver's
 * failure so that the unit of work can be judged and tried again.
 */
final class Pg {
  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** A text array parameter ({@code text[]}). */
  record TextArray(List<String> values) {
    TextArray {
      values = List.copyOf(values);
    }
  }

  private final Connection connection;
  private final String where;

  Pg(Connection connection, String where) {
    this.connection = connection;
    this.where = where;
  }

  Connection connection() {
    return connection;
  }

  String where() {
    return where;
  }

  /** Runs {@code sql} and returns the number of rows changed. */
  int update(String sql, Object... params) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw PgFailure.wrap(e, "run " + verbOf(sql), where);
    }
  }

  /** The rows of {@code sql}. */
  <T> List<T> list(String sql, Row<T> row, Object... params) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, params);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.map(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw PgFailure.wrap(e, "run " + verbOf(sql), where);
    }
  }

  /** The first row of {@code sql}, if any. */
  <T> Optional<T> first(String sql, Row<T> row, Object... params) {
    List<T> rows = list(sql, row, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** The first column of the first row of {@code sql} as a number; 0 when there is no row or it is null. */
  long number(String sql, Object... params) {
    return first(sql, rs -> rs.getLong(1), params).orElse(0L);
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
}
