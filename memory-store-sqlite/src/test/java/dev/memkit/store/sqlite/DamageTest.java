package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListMemories;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged database files: recovered from the newest good backup, or refused with the file left
 * alone.
 */
class DamageTest {
  @TempDir Path dir;
  Path file;
  String uri;
  CapturedLog log;

  @BeforeEach
  void captureLog() {
    file = dir.resolve("memkit.db");
    uri = "sqlite:" + file + "?synchronous=normal&backup_every_writes=0&integrity_check=quick";
    log = CapturedLog.attach();
  }

  @AfterEach
  void releaseLog() {
    log.detach();
  }

  private Memkit open() {
    return Memkit.open(
        uri,
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING));
  }

  private static void addMemories(Memkit memkit, int from, int count) {
    for (int i = from; i < from + count; i++) {
      memkit
          .space()
          .memories()
          .add(AddMemory.of("memory number " + i + " " + "lorem ipsum dolor sit amet ".repeat(20)));
    }
  }

  /** 200 memories, a backup, 50 more and the newest backup, then 30 that no backup holds. */
  private BackupInfo storeWithBackups() {
    try (Memkit memkit = open()) {
      addMemories(memkit, 0, 200);
      memkit.backups(dev.memkit.core.model.Actor.of("test")).create();
      addMemories(memkit, 200, 50);
      BackupInfo newest = memkit.backups(dev.memkit.core.model.Actor.of("test")).create();
      addMemories(memkit, 250, 30);
      return newest;
    }
  }

  private static int count(Memkit memkit) {
    int n = 0;
    var page =
        memkit
            .space()
            .memories()
            .list(new ListMemories(MemoryFilter.ALL, java.util.Optional.empty(), 100));
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

  private void assertRecoveredFrom(BackupInfo newest, byte[] damaged) throws IOException {
    try (Memkit memkit = open()) {
      assertThat(count(memkit)).isEqualTo(250);
      addMemories(memkit, 1000, 1);
    }
    List<Path> aside;
    try (Stream<Path> files = Files.list(dir)) {
      aside =
          files
              .filter(
                  p ->
                      p.getFileName().toString().startsWith("memkit.db.damaged-")
                          && !p.getFileName().toString().endsWith("-wal")
                          && !p.getFileName().toString().endsWith("-shm"))
              .toList();
    }
    assertThat(aside).hasSize(1);
    assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(damaged);
    assertThat(log.messages(Level.WARNING))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        "Recovered",
                        newest.id(),
                        newest.createdAt().toString(),
                        aside.get(0).toString()));
  }

  @Test
  void overwrittenHeaderIsRecoveredFromTheNewestBackup() throws IOException {
    BackupInfo newest = storeWithBackups();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] junk = new byte[100];
      new Random(1).nextBytes(junk);
      raf.write(junk);
    }
    assertRecoveredFrom(newest, Files.readAllBytes(file));
  }

  @Test
  void truncatedFileIsRecoveredFromTheNewestBackup() throws IOException {
    BackupInfo newest = storeWithBackups();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() * 2 / 5);
    }
    assertRecoveredFrom(newest, Files.readAllBytes(file));
  }

  @Test
  void randomBytesInTheMiddleAreRecoveredFromTheNewestBackup() throws IOException {
    BackupInfo newest = storeWithBackups();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long middle = raf.length() / 2 / 4096 * 4096;
      byte[] junk = new byte[8 * 4096];
      new Random(2).nextBytes(junk);
      raf.seek(middle);
      raf.write(junk);
    }
    assertRecoveredFrom(newest, Files.readAllBytes(file));
  }

  @Test
  void damagedFileWithoutBackupIsRefusedAndLeftInPlace() throws IOException {
    try (Memkit memkit = open()) {
      addMemories(memkit, 0, 20);
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(new byte[64]);
    }
    byte[] damaged = Files.readAllBytes(file);
    assertThatThrownBy(this::open)
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("is damaged")
        .hasMessageContaining("no usable backup")
        .hasMessageContaining("left in place");
    assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("damaged"));
    }
  }

  @Test
  void damagedBackupsAreSkippedForAnOlderGoodOne() throws IOException {
    BackupInfo newest = storeWithBackups();
    Path newestFile = file.resolveSibling("memkit.db.backups").resolve(newest.id() + ".db");
    try (RandomAccessFile raf = new RandomAccessFile(newestFile.toFile(), "rw")) {
      raf.write(new byte[100]);
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(new byte[100]);
    }
    try (Memkit memkit = open()) {
      assertThat(count(memkit)).isEqualTo(200);
    }
    assertThat(log.records())
        .anySatisfy(
            r -> assertThat(r.getMessage()).contains("skipped damaged backups " + newest.id()));
  }

  @Test
  void backupLeftHalfWrittenByAKilledProcessIsRemovedAndLoggedOnOpen() throws IOException {
    BackupInfo newest = storeWithBackups();
    Path backups = file.resolveSibling("memkit.db.backups");
    Path partial = backups.resolve("20990101T000000000Z-auto.db.partial");
    Files.write(partial, new byte[4096]);
    Path restoring = backups.resolve(newest.id() + ".restoring");
    Files.write(restoring, new byte[4096]);
    try (Memkit memkit = open()) {
      assertThat(count(memkit)).isEqualTo(280);
    }
    assertThat(partial).doesNotExist();
    assertThat(restoring).doesNotExist();
    assertThat(backups.resolve(newest.id() + ".db")).exists();
    assertThat(log.messages(Level.WARNING))
        .anySatisfy(
            m -> assertThat(m).contains("Removed", partial.toString(), restoring.toString()));
  }
}
