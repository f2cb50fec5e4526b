package dev.memkit.store.postgres;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.store.jdbc.MigrationScripts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema's numbered migrations, shipped in the jar as {@code db/postgres/V<n>__<name>.sql} and
 * applied in order when a store opens: in one transaction, under a transaction-level advisory lock
 * on the schema's name, so replicas starting together wait for each other and the second finds the
 * work done. The version and the search language are kept in {@code memkit_schema}; a schema of a
 * newer version than this jar knows is refused, and so is a change of language.
 */
final class Migrations {
  /** The scripts in order: script {@code i} (0-based) takes the schema to version {@code i + 1}. */
  static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__memory_vectors.sql");

  /** The first key of memkit's advisory locks; the second is the hash of the schema's name. */
  static final int LOCK_CLASS = 0x6d656d6b; // "memk"

  private Migrations() {}

  /** The schema version this code writes. */
  static int latest() {
    return SCRIPTS.size();
  }

  /**
   * Brings the schema of {@code settings} on {@code c} to the latest version, atomically.
   *
   * @throws StoreUnavailableException when the schema is newer than this code, or a migration fails
   * @throws ValidationException when the configured language has no stemmer, or differs from the
   *     schema's
   */
  static void apply(Connection c, PgSettings settings) throws SQLException {
    c.setAutoCommit(false);
    try {
      try (PreparedStatement lock =
          c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
        lock.setInt(1, LOCK_CLASS);
        lock.setString(2, settings.schema());
        lock.execute();
      }
      try (Statement st = c.createStatement()) {
        if (!exists(c, "SELECT 1 FROM pg_namespace WHERE nspname = ?", settings.schema())) {
          st.execute("CREATE SCHEMA " + settings.quotedSchema());
        }
        st.execute("SET LOCAL search_path TO " + settings.quotedSchema());
        st.execute(
            "CREATE TABLE IF NOT EXISTS memkit_schema (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),"
                + " version integer NOT NULL, language text NOT NULL, migrated_at timestamptz NOT NULL DEFAULT now())");
      }
      int version = 0;
      String language = null;
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT version, language FROM memkit_schema")) {
        if (rs.next()) {
          version = rs.getInt(1);
          language = rs.getString(2);
        }
      }
      if (version > latest()) {
        throw new StoreUnavailableException(
            "the schema "
                + settings.schema()
                + " of "
                + settings.description()
                + " has version "
                + version
                + ", written by a newer memkit; this one supports versions up to "
                + latest()
                + ". Upgrade memkit on every replica to open it (nothing was changed).");
      }
      if (language != null && !language.equals(settings.language())) {
        throw new ValidationException(
            "language",
            "is '"
                + settings.language()
                + "' but the schema "
                + settings.schema()
                + " was created for '"
                + language
                + "'; set language="
                + language
                + " (changing it needs a new schema:"
                + " export, then import into a schema created with the new language)");
      }
      if (version == 0
          && !exists(
              c,
              "SELECT 1 FROM pg_catalog.pg_ts_dict WHERE dictname = ?",
              settings.language() + "_stem")) {
        throw new ValidationException(
            "language",
            "has no snowball stemmer on this server: '"
                + settings.language()
                + "'; see SELECT dictname FROM pg_ts_dict for the languages it knows (english, german, french…)");
      }
      for (int v = version; v < latest(); v++) {
        try (Statement st = c.createStatement()) {
          st.execute(read(SCRIPTS.get(v)).replace("${language}", settings.language()));
        }
      }
      if (version < latest()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO memkit_schema (version, language) VALUES (?, ?)"
                    + " ON CONFLICT (only_row) DO UPDATE SET version = excluded.version, migrated_at = now()")) {
          ps.setInt(1, latest());
          ps.setString(2, settings.language());
          ps.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the transaction is already gone with its connection
      }
      throw e;
    }
  }

  private static boolean exists(Connection c, String sql, String param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String read(String script) {
    return MigrationScripts.read(Migrations.class, "db/postgres/" + script);
  }
}
