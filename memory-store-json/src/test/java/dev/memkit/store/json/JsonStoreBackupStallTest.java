package dev.memkit.store.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.port.in.AddMemory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup of a large store is written beside the writers: a write made while it is being written
 * returns long before it ends, with no hook holding the backup back.
 */
class JsonStoreBackupStallTest {
  /** Memories in the store: its backup takes seconds to write, a write milliseconds. */
  private static final int MEMORIES = 100_000;

  /**
   * The generous bound: a write made while a backup runs returns within this, however long the
   * backup takes.
   */
  private static final long WRITE_BOUND_SECONDS = 10;

  @TempDir Path dir;

  /** Writes {@code memory.json} of {@code count} memories directly, as a compaction would. */
  private static void writeSnapshot(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(JournalReplay.MAIN))) {
      out.write(
          "{\"format\":\"memkit-export\",\"version\":1,\"exported_at\":\"2026-11-21T00:00:00Z\","
              + "\"store\":{\"journal_seq\":0,\"audit_seq\":0,\"last_memory_id\":"
              + count
              + ",\"last_goal_id\":0,\"reason\":\"create\"},"
              + "\"namespaces\":[{\"namespace\":\"default\",\"state\":[],\"memories\":[");
      for (int i = 1; i <= count; i++) {
        out.write(i > 1 ? "," : "");
        out.write(
            "{\"id\":"
                + i
                + ",\"namespace\":\"default\",\"text\":\"memory "
                + i
                + " about the release train and the incident review of service "
                + (i % 97)
                + "\",\"tags\":[\"t"
                + (i % 50)
                + "\"],\"kind\":\"note\",\"metadata\":{},\"occurred_at\":null,\"key\":null,"
                + "\"created_at\":\"2026-11-20T00:00:00Z\",\"updated_at\":\"2026-11-20T00:00:00Z\"}");
      }
      out.write("],\"goals\":[]}]}\n");
    }
  }

  private static boolean backupBeingWritten(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "memory_backup_*.json.tmp")) {
      return s.iterator().hasNext();
    }
  }

  @Test
  void aWriteCompletesWhileABackupOfALargeStoreIsStillBeingWritten() throws Exception {
    writeSnapshot(dir, MEMORIES);
    int overlapped = 0;
    int attempts = 0;
    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      assertThat(store.recoveryReport()).isEmpty();
      // one attempt is enough unless the machine pauses this thread for the whole backup; a few
      // make that moot
      while (overlapped == 0 && attempts < 5) {
        attempts++;
        int attempt = attempts;
        CompletableFuture<BackupInfo> backup =
            CompletableFuture.supplyAsync(() -> memkit.backups(Actor.of("test")).create());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!backupBeingWritten(dir) && !backup.isDone() && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        boolean runningBefore = backupBeingWritten(dir) && !backup.isDone();
        CompletableFuture<Long> write =
            CompletableFuture.supplyAsync(
                () ->
                    memkit
                        .space()
                        .memories()
                        .add(AddMemory.of("written during backup " + attempt))
                        .memory()
                        .id()
                        .value());
        long id = write.get(WRITE_BOUND_SECONDS, TimeUnit.SECONDS);
        boolean runningAfter = !backup.isDone();
        assertThat(id).isEqualTo(MEMORIES + attempt);
        if (runningBefore && runningAfter) {
          overlapped++;
        }
        BackupInfo done = backup.get(2, TimeUnit.MINUTES);
        assertThat(done.sizeBytes()).isGreaterThan(10L << 20);
      }
    }
    assertThat(overlapped)
        .as(
            "writes that began and ended while a backup was being written, of %d attempts",
            attempts)
        .isPositive();
  }
}
