package dev.memkit.store.postgres;

import dev.memkit.core.error.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Sorts driver failures into those worth trying again (the unit of work was rolled back and may
 * well succeed on a second try) and the rest, and says what went wrong in plain words.
 */
final class PgFailure {
  private PgFailure() {}

  /**
   * Whether {@code e} is transient: a serialization failure or deadlock ({@code 40001}, {@code
   * 40P01}), a lost or refused connection ({@code 08…}), the server shutting down or starting
   * ({@code 57P01}–{@code 57P03}), too many connections ({@code 53300}), a unique key taken by a
   * concurrent writer ({@code 23505}: the retry sees that row), or the pool timing out.
   */
  static boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && transientState(s.getSQLState())) {
        return true;
      }
      if (t instanceof SQLTransientException) {
        return true;
      }
      if (t instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  private static boolean transientState(String state) {
    if (state == null) {
      return false;
    }
    return state.startsWith("08")
        || state.equals("40001")
        || state.equals("40P01")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03")
        || state.equals("53300")
        || state.equals("23505");
  }

  /** Whether {@code e} says the connection itself is gone, so a commit's outcome is unknown. */
  static boolean connectionLost(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57P");
  }

  /**
   * A {@link StoreUnavailableException} for {@code e}, raised while {@code doing} on the store
   * {@code where}.
   */
  static StoreUnavailableException wrap(SQLException e, String doing, String where) {
    String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message;
    if (state.startsWith("08") || e instanceof SQLTransientException) {
      message = "cannot reach PostgreSQL at " + where + ": could not " + doing + detail;
    } else if (state.startsWith("28")) {
      message =
          "PostgreSQL at "
              + where
              + " refused the credentials: could not "
              + doing
              + "; check the user and MEMKIT_PG_PASSWORD / PGPASSWORD"
              + detail;
    } else if (state.equals("3D000")) {
      message =
          "the database of "
              + where
              + " does not exist: could not "
              + doing
              + "; create it first"
              + detail;
    } else if (state.startsWith("57") || state.startsWith("53")) {
      message =
          "PostgreSQL at "
              + where
              + " is not accepting work right now: could not "
              + doing
              + detail;
    } else if (state.startsWith("42501")) {
      message = "the role of " + where + " lacks a privilege: could not " + doing + detail;
    } else {
      message = "PostgreSQL failed at " + where + ": could not " + doing + detail;
    }
    return new SqlFailed(message, e);
  }

  /**
   * A {@link StoreUnavailableException} that keeps the driver's failure, so the retry loop can
   * judge it.
   */
  static final class SqlFailed extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;
    private final transient SQLException sql;

    SqlFailed(String message, SQLException sql) {
      super(message, sql);
      this.sql = sql;
    }

    SQLException sql() {
      return sql;
    }
  }
}
