package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListMemories;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes lost outside the store's control (a {@code -wal} file deleted or damaged, a file restored
 * from a backup) are noticed: said loudly at start, the newest good data preferred, and no id that
 * was acknowledged is handed out again. A write that cannot be made durable is not acknowledged.
 */
class LostWritesTest {
  @TempDir Path dir;
  Path file;
  Path crash;
  CapturedLog log;

  @BeforeEach
  void captureLog() throws IOException {
    file = dir.resolve("memkit.db");
    crash = Files.createDirectories(dir.resolve("crash"));
    log = CapturedLog.attach();
  }

  @AfterEach
  void releaseLog() {
    log.detach();
  }

  /**
   * The store as these tests damage it: checkpoints in the writer's commit, so the -wal holds what
   * they expect.
   */
  private Memkit open() {
    return Memkit.open(
        "sqlite:"
            + file
            + "?synchronous=normal&backup_every_writes=0&backup_interval=off&checkpoint=writer",
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING));
  }

  private static void addMemories(Memkit memkit, int count) {
    for (int i = 0; i < count; i++) {
      memkit
          .space()
          .memories()
          .add(AddMemory.of("memory " + i + " " + "lorem ipsum dolor sit amet ".repeat(10)));
    }
  }

  private static int count(Memkit memkit) {
    int n = 0;
    var page =
        memkit.space().memories().list(new ListMemories(MemoryFilter.ALL, Optional.empty(), 100));
    n += page.items().size();
    while (page.nextCursor().isPresent()) {
      page =
          memkit
              .space()
              .memories()
              .list(new ListMemories(MemoryFilter.ALL, page.nextCursor(), 100));
      n += page.items().size();
    }
    return n;
  }

  /** Moves every committed page of the open database into its main file. */
  private void checkpoint() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  /** Copies the main file and its -wal as they are now: what a kill -9 at this moment leaves. */
  private void snapshotCrashImage() throws IOException {
    Files.copy(file, crash.resolve("memkit.db"), StandardCopyOption.REPLACE_EXISTING);
    Path wal = file.resolveSibling("memkit.db-wal");
    if (Files.exists(wal)) {
      Files.copy(wal, crash.resolve("memkit.db-wal"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Puts the crash image back in place of the files the closed store left, without its -wal when
   * asked.
   */
  private void restoreCrashImage(boolean withWal) throws IOException {
    Files.copy(crash.resolve("memkit.db"), file, StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(file.resolveSibling("memkit.db-wal"));
    Files.deleteIfExists(file.resolveSibling("memkit.db-shm"));
    if (withWal) {
      Files.copy(crash.resolve("memkit.db-wal"), file.resolveSibling("memkit.db-wal"));
    }
  }

  private List<String> errors() {
    return log.messages(Level.SEVERE);
  }

  @Test
  void aDeletedWalIsReportedAsLostWritesAndIdsAreNotReused() throws Exception {
    try (Memkit memkit = open()) {
      addMemories(memkit, 50);
      checkpoint();
      addMemories(memkit, 20);
      snapshotCrashImage();
    }
    restoreCrashImage(false);
    try (Memkit memkit = open()) {
      assertThat(count(memkit)).isEqualTo(50);
      Memory next = memkit.space().memories().add(AddMemory.of("written after the loss")).memory();
      assertThat(next.id().value()).isGreaterThan(70);
    }
    assertThat(errors())
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        file.toString(),
                        "memkit.db-wal",
                        "Lost: 20 acknowledged writes (audit sequences 51 to 70), memory ids 51 to 70",
                        "No backup holds them"));
  }

  @Test
  void aDeletedWalIsRecoveredFromANewerBackupSayingWhatWasLost() throws Exception {
    try (Memkit memkit = open()) {
      addMemories(memkit, 50);
      checkpoint();
      snapshotCrashImage();
      addMemories(memkit, 50);
      memkit.backups(Actor.of("test")).create();
      addMemories(memkit, 30);
    }
    restoreCrashImage(false);
    try (Memkit memkit = open()) {
      assertThat(count(memkit)).isEqualTo(100);
      Memory next = memkit.space().memories().add(AddMemory.of("written after the loss")).memory();
      assertThat(next.id().value()).isGreaterThan(130);
    }
    assertThat(errors())
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        "Recovered " + file,
                        "older file was moved to",
                        "Lost: 30 acknowledged writes",
                        "memory ids 101 to 130"));
  }

  @Test
  void garbageInTheWalIsReportedAsLostWrites() throws Exception {
    try (Memkit memkit = open()) {
      addMemories(memkit, 20);
      checkpoint();
      addMemories(memkit, 40);
      snapshotCrashImage();
    }
    Path wal = crash.resolve("memkit.db-wal");
    try (RandomAccessFile raf = new RandomAccessFile(wal.toFile(), "rw")) {
      raf.seek(raf.length() / 2);
      raf.write(new byte[4096]);
    }
    restoreCrashImage(true);
    int kept;
    try (Memkit memkit = open()) {
      kept = count(memkit);
      assertThat(kept).isBetween(20, 59);
      Memory next = memkit.space().memories().add(AddMemory.of("written after the loss")).memory();
      assertThat(next.id().value()).isGreaterThan(60);
    }
    int lost = 60 - kept;
    assertThat(errors())
        .anySatisfy(m -> assertThat(m).contains("Lost: " + lost + " acknowledged write"));
  }

  @Test
  void idsAreNotReusedAfterRecoveryFromABackup() throws Exception {
    try (Memkit memkit = open()) {
      addMemories(memkit, 10);
      memkit.space().goals().add(AddGoal.of("goal before the backup"));
      memkit.backups(Actor.of("test")).create();
      addMemories(memkit, 10);
      memkit.space().goals().add(AddGoal.of("goal after the backup"));
      memkit.space().goals().add(AddGoal.of("another goal after the backup"));
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(new byte[100]);
    }
    try (Memkit memkit = open()) {
      assertThat(count(memkit)).isEqualTo(10);
      assertThat(
              memkit.space().memories().add(AddMemory.of("after recovery")).memory().id().value())
          .isGreaterThan(20);
      GoalId goal = memkit.space().goals().add(AddGoal.of("goal after recovery")).id();
      assertThat(goal.value()).isGreaterThan(3);
    }
  }

  @Test
  void aWalDeletedWhileRunningRefusesWritesInsteadOfAcknowledgingThem() throws Exception {
    try (Memkit memkit = open()) {
      addMemories(memkit, 5);
      Files.delete(file.resolveSibling("memkit.db-wal"));
      assertThatThrownBy(
              () -> memkit.space().memories().add(AddMemory.of("cannot be made durable")))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("write-ahead log")
          .hasMessageContaining("was deleted");
      assertThatThrownBy(
              () ->
                  memkit
                      .space()
                      .state()
                      .set(
                          dev.memkit.core.model.StateKey.of("k"),
                          dev.memkit.core.json.JsonValue.of(1)))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }
}
