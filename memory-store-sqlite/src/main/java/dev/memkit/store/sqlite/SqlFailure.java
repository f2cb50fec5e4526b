package dev.memkit.store.sqlite;

import dev.memkit.core.error.StoreUnavailableException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns a driver failure into the core's "store unavailable" error, saying what went wrong in plain
 * words.
 */
final class SqlFailure {
  private SqlFailure() {}

  /** What kind of failure {@code e} is. */
  enum Cause {
    FULL,
    READ_ONLY,
    LOCKED,
    CANNOT_OPEN,
    DAMAGED,
    IO,
    OTHER
  }

  static Cause causeOf(SQLException e) {
    String code = codeName(e);
    if (code.startsWith("SQLITE_FULL")) {
      return Cause.FULL;
    }
    if (code.startsWith("SQLITE_READONLY")
        || code.startsWith("SQLITE_PERM")
        || code.startsWith("SQLITE_AUTH")) {
      return Cause.READ_ONLY;
    }
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      return Cause.LOCKED;
    }
    if (code.startsWith("SQLITE_CANTOPEN")) {
      return Cause.CANNOT_OPEN;
    }
    if (code.startsWith("SQLITE_CORRUPT") || code.startsWith("SQLITE_NOTADB")) {
      return Cause.DAMAGED;
    }
    if (code.startsWith("SQLITE_IOERR")) {
      return Cause.IO;
    }
    return Cause.OTHER;
  }

  private static String codeName(SQLException e) {
    if (e instanceof SQLiteException se && se.getResultCode() != null) {
      return se.getResultCode().name();
    }
    SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(e.getErrorCode());
    return code == null ? "" : code.name();
  }

  /**
   * A {@link StoreUnavailableException} for {@code e}, raised while {@code doing} (e.g. "commit a
   * write") on the database {@code where}.
   */
  static StoreUnavailableException wrap(SQLException e, String doing, String where) {
    String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
    String message =
        switch (causeOf(e)) {
          case FULL -> "the disk holding " + where + " is full: could not " + doing + detail;
          case READ_ONLY ->
              where
                  + " is read-only: could not "
                  + doing
                  + "; check the permissions of the file and its directory"
                  + detail;
          case LOCKED ->
              where
                  + " is locked by another process or connection: could not "
                  + doing
                  + " within the busy timeout"
                  + detail;
          case CANNOT_OPEN ->
              "cannot open "
                  + where
                  + ": could not "
                  + doing
                  + "; check that its directory exists and is writable"
                  + detail;
          case DAMAGED ->
              where
                  + " is damaged: could not "
                  + doing
                  + "; open the store again to recover it from its newest backup"
                  + detail;
          case IO -> "an I/O error occurred on " + where + ": could not " + doing + detail;
          case OTHER -> "SQLite failed on " + where + ": could not " + doing + detail;
        };
    return new StoreUnavailableException(message, e);
  }
}
