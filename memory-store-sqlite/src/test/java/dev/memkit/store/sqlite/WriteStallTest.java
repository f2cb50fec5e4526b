package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddMemory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Periodic work beside the writer: backups and checkpoints never hold a write back for their whole
 * length.
 */
class WriteStallTest {
  /**
   * The generous bound: a write made while a backup runs returns within this, however long the
   * backup takes.
   */
  private static final long WRITE_BOUND_SECONDS = 10;

  @TempDir Path dir;

  private Memkit open(Path file, String parameters) {
    return Memkit.open(
        "sqlite:" + file + "?" + parameters,
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING));
  }

  /**
   * Fills the store's {@code state} table with {@code rows} values of 1 KiB straight through SQL: a
   * large file in a second.
   */
  private static void fill(Path file, int rows) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute(
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
              + rows
              + ")"
              + " INSERT INTO state (namespace, key, value, version, updated_at)"
              + " SELECT 'bulk', 'key_' || i, json_quote(hex(randomblob(512))), 1, '2026-11-21T07:00:00Z' FROM n");
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  private static boolean partialExists(Path backups) throws Exception {
    if (!Files.isDirectory(backups)) {
      return false;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(backups, "*.db.partial")) {
      return s.iterator().hasNext();
    }
  }

  @Test
  void aWriteCompletesWhileABackupOfALargeStoreIsStillRunning() throws Exception {
    Path file = dir.resolve("large.db");
    String parameters =
        "synchronous=normal&backup_every_writes=0&backup_interval=off&integrity_check=off";
    try (Memkit memkit = open(file, parameters)) {
      memkit.space().memories().add(AddMemory.of("schema in place"));
    }
    fill(file, 100_000);
    Path backups = file.resolveSibling("large.db.backups");
    int overlapped = 0;
    int attempts = 0;
    try (Memkit memkit = open(file, parameters)) {
      // one attempt is enough unless the machine pauses this thread for the whole backup; a few
      // make that moot
      while (overlapped == 0 && attempts < 5) {
        attempts++;
        CompletableFuture<BackupInfo> backup =
            CompletableFuture.supplyAsync(() -> memkit.backups(Actor.of("test")).create());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!partialExists(backups) && !backup.isDone() && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        boolean runningBefore = partialExists(backups) && !backup.isDone();
        CompletableFuture<Long> write =
            CompletableFuture.supplyAsync(
                () ->
                    memkit
                        .space()
                        .memories()
                        .add(AddMemory.of("written during backup " + System.nanoTime()))
                        .memory()
                        .id()
                        .value());
        long id = write.get(WRITE_BOUND_SECONDS, TimeUnit.SECONDS);
        boolean runningAfter = !backup.isDone();
        assertThat(id).isPositive();
        if (runningBefore && runningAfter) {
          overlapped++;
        }
        BackupInfo done = backup.get(2, TimeUnit.MINUTES);
        assertThat(done.sizeBytes()).isGreaterThan(50L << 20);
      }
    }
    assertThat(overlapped)
        .as("writes that began and ended while a backup was being copied, of %d attempts", attempts)
        .isPositive();
  }

  @Test
  void checkpointsCopyTheLogIntoTheFileWhileTheStoreIsOpenAndTheLogStaysBounded() throws Exception {
    Path file = dir.resolve("steady.db");
    Path wal = file.resolveSibling("steady.db-wal");
    try (Memkit memkit =
        open(file, "synchronous=normal&backup_every_writes=0&backup_interval=off")) {
      long before = Files.size(file);
      String text = "steady write " + "lorem ipsum dolor sit amet ".repeat(200);
      long largest = 0;
      for (int i = 0; i < 1_500; i++) {
        memkit.space().state().set(StateKey.of("k" + i), JsonValue.of(text + i));
        largest = Math.max(largest, Files.size(wal));
      }
      // the writer never checkpoints: only the checkpoint thread can have moved the values into the
      // file
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (Files.size(file) < before + (4L << 20) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.size(file))
          .as("the database file, the store still open")
          .isGreaterThan(before + (4L << 20));
      assertThat(largest).isLessThan(Checkpointer.WAL_LIMIT_BYTES * 2);
    }
  }

  @Test
  void automaticBackupsStartNoSoonerThanFiftyTimesThePreviousOnesDurationAfterIt()
      throws Exception {
    Logger storeLog = Logger.getLogger("dev.memkit.store.sqlite");
    Level level = storeLog.getLevel();
    storeLog.setLevel(Level.FINE);
    CapturedLog log = CapturedLog.attach();
    try (Memkit memkit =
        open(
            dir.resolve("spaced.db"),
            "synchronous=normal&backup_every_writes=1&backup_interval=off")) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      int i = 0;
      while (spacedBackups(log).size() < 2 && System.nanoTime() < deadline) {
        memkit.space().memories().add(AddMemory.of("write " + i++));
      }
      List<Object[]> spaced = spacedBackups(log);
      assertThat(spaced)
          .as("automatic backups that followed another")
          .hasSizeGreaterThanOrEqualTo(2);
      assertThat(i).as("writes, each of which asked for a backup").isGreaterThan(spaced.size() + 1);
      for (Object[] p : spaced) {
        double gap = ((Number) p[3]).doubleValue();
        double previousTook = ((Number) p[4]).doubleValue();
        assertThat(gap)
            .as("gap after a backup of %.1f ms", previousTook)
            .isGreaterThanOrEqualTo(SqliteBackups.SPACING * previousTook);
      }
    } finally {
      log.detach();
      storeLog.setLevel(level);
    }
  }

  /** The parameters of the automatic backups logged that followed another backup. */
  private static List<Object[]> spacedBackups(CapturedLog log) {
    return log.records().stream()
        .filter(
            r ->
                r.getMessage() != null
                    && r.getMessage().startsWith("automatic backup")
                    && r.getParameters() != null)
        .map(LogRecord::getParameters)
        .filter(p -> ((Number) p[3]).doubleValue() >= 0)
        .toList();
  }
}
