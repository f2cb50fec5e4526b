package dev.memkit.bench.sqlite;

import dev.memkit.bench.data.ZipfText;
import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.Space;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddGoal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data sets the SQLite benchmarks run on, built once and kept under {@code memkit.bench.data}
 * (default {@code target/bench-data}): a memkit store with N memories, and a bare FTS5 table with
 * the same texts. Memories are written with batched inserts in one transaction (the FTS5 index is
 * filled by the store's own triggers), which is what keeps the 1M set quick to build; the audit log
 * of these bulk rows is left empty. Both FTS5 indexes are then merged into one segment ({@code
 * 'optimize'}), so the two start with the same index layout.
 */
final class SqliteDatasets {
  /**
   * Store parameters for benchmarks: no automatic backups, no check on open (the data set is
   * trusted).
   */
  static final String STORE_PARAMETERS =
      "backup_every_writes=0&backup_interval=off&integrity_check=off";

  static final long SEED = 20261121L;

  private SqliteDatasets() {}

  /** Builds the data sets of the sizes given (default 1000, 100000, 1000000) ahead of a run. */
  public static void main(String[] args) {
    String[] sizes = args.length == 0 ? new String[] {"1000", "100000", "1000000"} : args;
    for (String s : sizes) {
      long start = System.nanoTime();
      int size = Integer.parseInt(s);
      Path a = memkit(size);
      Path b = raw(size);
      System.out.printf(
          "%d: %s, %s (%d s)%n", size, a, b, (System.nanoTime() - start) / 1_000_000_000L);
    }
  }

  static Path directory() {
    return Path.of(System.getProperty("memkit.bench.data", "target/bench-data")).toAbsolutePath();
  }

  static MemkitOptions options() {
    return MemkitOptions.defaults().withEnvironment(Map.of());
  }

  /** The memkit store file with {@code size} memories, building it when absent. */
  static synchronized Path memkit(int size) {
    Path file = directory().resolve("memkit-" + size + ".db");
    if (Files.exists(file)) {
      return file;
    }
    Path partial = directory().resolve("memkit-" + size + ".partial.db");
    try {
      Files.createDirectories(directory());
      deleteDatabase(partial);
      try (Memkit memkit = Memkit.open("sqlite:" + partial + "?" + STORE_PARAMETERS, options())) {
        Space space = memkit.space();
        for (int i = 0; i < 10; i++) {
          space.state().set(StateKey.of("setting_" + i), JsonValue.of("value " + i));
        }
        ZipfText text = ZipfText.seeded(SEED + 1);
        for (int i = 0; i < 5; i++) {
          space.goals().add(new AddGoal(text.sentence(4, 10), java.util.Optional.empty()));
        }
      }
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + partial)) {
        c.setAutoCommit(false);
        ZipfText text = ZipfText.seeded(SEED);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        try (PreparedStatement memory =
                c.prepareStatement(
                    "INSERT INTO memories (id, namespace, text, tags, kind, metadata,"
                        + " occurred_at, client_key, created_at, updated_at, effective_s, effective_n)"
                        + " VALUES (?, 'default', ?, ?, 'note', '{}', NULL, NULL, ?, ?, ?, 0)");
            PreparedStatement tag =
                c.prepareStatement("INSERT INTO memory_tags (memory_id, tag) VALUES (?, ?)")) {
          for (int id = 1; id <= size; id++) {
            Instant at = start.plusSeconds(id * 60L);
            List<String> tags = text.tags();
            memory.setLong(1, id);
            memory.setString(2, text.memory());
            memory.setString(3, String.join(" ", tags));
            memory.setString(4, at.toString());
            memory.setString(5, at.toString());
            memory.setLong(6, at.getEpochSecond());
            memory.addBatch();
            for (String t : tags) {
              tag.setLong(1, id);
              tag.setString(2, t.toLowerCase(Locale.ROOT));
              tag.addBatch();
            }
            if (id % 10_000 == 0) {
              memory.executeBatch();
              tag.executeBatch();
            }
          }
          memory.executeBatch();
          tag.executeBatch();
        }
        try (Statement s = c.createStatement()) {
          s.execute("UPDATE sequences SET value = " + size + " WHERE name = 'memory'");
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("INSERT INTO memories_fts (memories_fts) VALUES ('optimize')");
          s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
          s.execute("ANALYZE");
        }
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot build the memkit data set of " + size, e);
    }
  }

  /**
   * The bare FTS5 table {@code docs(text, tags)} with the same {@code size} texts, building it when
   * absent.
   */
  static synchronized Path raw(int size) {
    Path file = directory().resolve("raw-" + size + ".db");
    if (Files.exists(file)) {
      return file;
    }
    Path partial = directory().resolve("raw-" + size + ".partial.db");
    try {
      Files.createDirectories(directory());
      deleteDatabase(partial);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + partial)) {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA journal_mode = WAL");
          s.execute(
              "CREATE VIRTUAL TABLE docs USING fts5(text, tags, tokenize = 'porter unicode61 remove_diacritics 2')");
        }
        c.setAutoCommit(false);
        ZipfText text = ZipfText.seeded(SEED);
        try (PreparedStatement insert =
            c.prepareStatement("INSERT INTO docs (rowid, text, tags) VALUES (?, ?, ?)")) {
          for (int id = 1; id <= size; id++) {
            List<String> tags = text.tags();
            insert.setLong(1, id);
            insert.setString(2, text.memory());
            insert.setString(3, String.join(" ", tags));
            insert.addBatch();
            if (id % 10_000 == 0) {
              insert.executeBatch();
            }
          }
          insert.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("INSERT INTO docs (docs) VALUES ('optimize')");
          s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot build the raw data set of " + size, e);
    }
  }

  /**
   * A scratch copy of {@code file} that write benchmarks may grow, so cached sets stay as built.
   */
  static Path scratchCopy(Path file, String name) {
    Path copy = file.resolveSibling(name);
    try {
      deleteDatabase(copy);
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteDatabase(Path file) throws IOException {
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
    }
  }

  /**
   * A connection to a raw data set, WAL with {@code synchronous=FULL}, as a careful application
   * would open it.
   */
  static Connection rawConnection(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 60000");
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = FULL");
    }
    return c;
  }
}
