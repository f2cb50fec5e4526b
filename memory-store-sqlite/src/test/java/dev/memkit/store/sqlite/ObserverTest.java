package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.model.Actor;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.out.Observer;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store tells its observer the size of each group commit, each backup it takes, and when
 * it restored a backup on open.
 */
class ObserverTest {
  @TempDir Path dir;

  final List<Integer> batches = new CopyOnWriteArrayList<>();
  final List<String> recoveries = new CopyOnWriteArrayList<>();
  final List<String> backups = new CopyOnWriteArrayList<>();
  final Observer observer =
      new Observer() {
        @Override
        public void batchCommitted(String store, int units) {
          assertThat(store).isEqualTo("sqlite");
          batches.add(units);
        }

        @Override
        public void backupTaken(String store, long bytes, long nanos) {
          assertThat(nanos).isPositive();
          backups.add(store + " " + bytes);
        }

        @Override
        public void recovered(String store, String event) {
          recoveries.add(store + " " + event);
        }
      };

  private Memkit open(String uri) {
    return Memkit.open(
        uri,
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING)
            .withObserver(observer));
  }

  @Test
  void everyCommittedUnitIsCountedInSomeBatch() throws Exception {
    String uri = "sqlite:" + dir.resolve("memkit.db") + "?synchronous=normal&backup_every_writes=0";
    try (Memkit memkit = open(uri)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      for (int i = 0; i < 200; i++) {
        int n = i;
        pool.submit(() -> memkit.space().memories().add(AddMemory.of("memory " + n)));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(batches).allMatch(units -> units >= 1 && units <= GroupCommitWriter.MAX_BATCH);
    assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
    assertThat(recoveries).isEmpty();
  }

  @Test
  void backupsAreReportedWithTheirSize() {
    String uri = "sqlite:" + dir.resolve("memkit.db") + "?synchronous=normal&backup_every_writes=0";
    try (Memkit memkit = open(uri)) {
      memkit.space().memories().add(AddMemory.of("kept in the backup"));
      dev.memkit.core.model.BackupInfo taken = memkit.backups(Actor.of("test")).create();

      assertThat(taken.sizeBytes()).isPositive();
      assertThat(backups).containsExactly("sqlite " + taken.sizeBytes());
    }
  }

  @Test
  void restoringABackupOnOpenIsReported() throws Exception {
    Path file = dir.resolve("memkit.db");
    String uri = "sqlite:" + file + "?synchronous=normal&backup_every_writes=0";
    try (Memkit memkit = open(uri)) {
      memkit.space().memories().add(AddMemory.of("kept in the backup"));
      memkit.backups(Actor.of("test")).create();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(new byte[100]);
    }
    try (Memkit memkit = open(uri)) {
      assertThat(memkit.space().memories().find(dev.memkit.core.model.MemoryId.of(1))).isPresent();
    }
    assertThat(recoveries).containsExactly("sqlite restored_backup");
  }
}
