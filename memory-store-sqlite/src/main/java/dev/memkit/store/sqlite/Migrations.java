package dev.memkit.store.sqlite;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.store.jdbc.MigrationScripts;
import dev.memkit.store.jdbc.SqlConnection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The schema's numbered migrations, shipped in the jar as {@code db/migration/V<n>__<name>.sql} and
 * applied in order on open. The schema version is kept in {@code PRAGMA user_version}; a database
 * with a newer version than this jar knows is refused.
 */
final class Migrations {
  /** The scripts in order: script {@code i} (0-based) takes the schema to version {@code i + 1}. */
  static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__memory_vectors.sql");

  private Migrations() {}

  /** The schema version this code writes. */
  static int latest() {
    return SCRIPTS.size();
  }

  /**
   * Brings {@code db} to the latest schema version, atomically.
   *
   * @throws StoreUnavailableException when it has a newer version or a migration fails
   */
  static void apply(SqlConnection db) {
    try {
      int version = version(db);
      refuseNewer(db, version);
      if (version == latest()) {
        return;
      }
      Connections.inTransaction(
          db,
          () -> {
            int current = version(db);
            refuseNewer(db, current);
            for (int v = current; v < latest(); v++) {
              for (String statement : statements(read(SCRIPTS.get(v)))) {
                try (var st = db.connection().createStatement()) {
                  st.execute(statement);
                }
              }
            }
            db.execute("PRAGMA user_version = " + latest());
          });
    } catch (SQLException e) {
      throw SqlFailure.wrap(e, "bring its schema up to date", db.where());
    }
  }

  static int version(SqlConnection db) throws SQLException {
    try (var st = db.connection().createStatement();
        var rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * Refuses a database written by a newer memkit before anything (such as switching it to WAL)
   * changes the file.
   */
  static void refuseNewer(SqlConnection db) throws SQLException {
    refuseNewer(db, version(db));
  }

  private static void refuseNewer(SqlConnection db, int version) {
    if (version > latest()) {
      throw new StoreUnavailableException(
          db.where()
              + " has schema version "
              + version
              + ", written by a newer memkit; this one supports versions up to "
              + latest()
              + ". Upgrade memkit to open it (the file was not changed).");
    }
  }

  private static String read(String script) {
    return MigrationScripts.read(Migrations.class, "db/migration/" + script);
  }

  /**
   * Splits a script into statements: lines starting with {@code --} are comments; a statement ends
   * with a line ending in {@code ;}, except inside {@code CREATE TRIGGER … END;}.
   */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean trigger = false;
    for (String line : script.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("--")) {
        continue;
      }
      if (current.length() == 0) {
        trigger = t.toUpperCase(Locale.ROOT).startsWith("CREATE TRIGGER");
      }
      current.append(line).append('\n');
      boolean ends = t.endsWith(";") && (!trigger || t.toUpperCase(Locale.ROOT).equals("END;"));
      if (ends) {
        out.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}
