package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.store.jdbc.SqlConnection;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data version changes with every commit to the file, by any connection, and is not asked of
 * SQLite again while the WAL-index header says nothing was committed.
 */
class DataVersionTest {
  @TempDir Path dir;

  private SqliteStore open(Path file) {
    return (SqliteStore)
        new SqliteStoreProvider().open(StoreLocation.parse("sqlite:" + file, Map.of()));
  }

  private static SqliteSettings settings(Path file) {
    return SqliteSettings.of(StoreLocation.parse("sqlite:" + file, Map.of()));
  }

  /** Another connection to {@code file}, which commits as another process would. */
  private static SqlConnection other(Path file) throws Exception {
    return Connections.open(file, Connections.Role.PLAIN, settings(file));
  }

  /** The data version of {@code file}, reading the WAL-index header from {@code shm}. */
  private static DataVersion version(Path file, Path shm) {
    return new DataVersion(
        () -> Connections.open(file, Connections.Role.READER, settings(file)), shm);
  }

  private static void commit(SqlConnection other, int i) throws Exception {
    other.execute("BEGIN IMMEDIATE");
    other.execute(
        "INSERT OR REPLACE INTO state (namespace, key, value, version, updated_at)"
            + " VALUES ('default', 'k', '"
            + i
            + "', "
            + i
            + ", 0)");
    other.execute("COMMIT");
  }

  @Test
  void theNumberChangesWithEachCommitOfAnotherConnectionAndStandsOtherwise() throws Exception {
    Path file = dir.resolve("v.db");
    try (SqliteStore store = open(file);
        SqlConnection other = other(file)) {
      DataVersion version = version(file, file.resolveSibling("v.db-shm"));
      OptionalLong first = version.read();
      OptionalLong second = version.read(); // the header is mapped after the first statement
      assertThat(second).isEqualTo(first);
      long asked = version.statements();
      for (int i = 0; i < 100; i++) {
        assertThat(version.read()).isEqualTo(first);
      }
      assertThat(version.statements())
          .as("no statement while nothing was committed")
          .isEqualTo(asked);

      OptionalLong previous = first;
      for (int i = 1; i <= 20; i++) {
        commit(other, i);
        OptionalLong next = version.read();
        assertThat(next).as("after commit " + i).isNotEqualTo(previous);
        assertThat(version.read()).isEqualTo(next);
        previous = next;
      }
      // the log started again from its beginning (new salts) is a change too
      store.read(tx -> null);
      other.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      commit(other, 21);
      assertThat(version.read()).isNotEqualTo(previous);
      version.close();
      assertThat(version.read()).isEmpty();
    }
  }

  @Test
  void withoutTheSharedMemoryFileTheStatementIsAskedEveryTime() throws Exception {
    Path file = dir.resolve("w.db");
    try (SqliteStore store = open(file);
        SqlConnection other = other(file)) {
      DataVersion version = version(file, dir.resolve("no-such-file-shm"));
      OptionalLong first = version.read();
      assertThat(version.read()).isEqualTo(first);
      assertThat(version.statements()).isEqualTo(2);
      commit(other, 1);
      assertThat(version.read()).isNotEqualTo(first);
      version.close();
    }
  }
}
