package dev.memkit.store.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.model.Memory;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.SearchMemories;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compaction writes its snapshot beside the writers: it never holds them while it writes. */
class JsonStoreCompactionTest {
  private static final int MEMORIES = 5_000;

  @TempDir Path dir;

  private int backups() throws IOException {
    int n = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "memory_backup_*.json")) {
      for (Path ignored : s) {
        n++;
      }
    }
    return n;
  }

  /**
   * Reopens the store, checks it recovered nothing, and returns the text of the top hit for {@code
   * query}.
   */
  private String topHitAfterReopening(String query) {
    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      assertThat(store.recoveryReport()).isEmpty();
      return memkit.space().memories().search(SearchMemories.of(query)).get(0).memory().text();
    }
  }

  /** The journal written since the last compaction: the newest segment, started by it. */
  private long journalSinceCompaction() throws IOException {
    long newest = -1;
    long size = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "memory_journal_*.log")) {
      for (Path segment : s) {
        String name = segment.getFileName().toString();
        long first = Long.parseLong(name.substring(15, name.length() - 4));
        if (first > newest) {
          newest = first;
          size = Files.size(segment);
        }
      }
    }
    return size;
  }

  @Test
  void aCompactionWaitsUntilTheJournalIsCompactFactorTimesTheSnapshot() throws Exception {
    JsonStore store = TestStores.open(dir, "?fsync=never&compact_bytes=1024&compact_factor=3");
    int added = 0;
    try (Memkit memkit = TestStores.memkit(store)) {
      for (; added < 200; added++) {
        memkit.space().memories().add(AddMemory.of("memory number " + added + " about releases"));
      }
      store.compactNow();
      long snapshot = Files.size(dir.resolve("memory.json"));
      int backupsAfterCompaction = backups();

      while (journalSinceCompaction() < 2 * snapshot) {
        memkit.space().memories().add(AddMemory.of("memory number " + added++ + " about releases"));
      }
      assertThat(backups())
          .as("no compaction with the journal at twice memory.json (compact_factor=3)")
          .isEqualTo(backupsAfterCompaction);

      while (journalSinceCompaction() < 3 * snapshot) {
        memkit.space().memories().add(AddMemory.of("memory number " + added++ + " about releases"));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (backups() == backupsAfterCompaction && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(backups())
          .as("a compaction once the journal passed three times memory.json")
          .isEqualTo(backupsAfterCompaction + 1);
    }
    assertThat(topHitAfterReopening("memory number " + (added - 1)))
        .isEqualTo("memory number " + (added - 1) + " about releases");
  }

  @Test
  void aWriteIsAcknowledgedWhileACompactionOfALargeStoreIsWritingItsSnapshot() throws Exception {
    // no automatic compaction: only the one this test starts, so none can rewrite memory.json after
    // it
    JsonStore store = TestStores.open(dir, "?fsync=never&compact_bytes=2147483647");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch snapshotStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Memkit memkit = TestStores.memkit(store)) {
      for (int i = 0; i < MEMORIES; i++) {
        memkit
            .space()
            .memories()
            .add(AddMemory.of("memory number " + i + " about the release train"));
      }
      // Hold the compaction once it has copied the records and is about to write memory.json.
      store
          .compaction()
          .beforeSnapshotWrite(
              () -> {
                snapshotStarted.countDown();
                try {
                  release.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      Future<?> compaction = pool.submit(store::compactNow);
      assertThat(snapshotStarted.await(2, TimeUnit.MINUTES))
          .as("the compaction reached its snapshot write")
          .isTrue();

      Future<Memory> write =
          pool.submit(
              () ->
                  memkit
                      .space()
                      .memories()
                      .add(AddMemory.of("written during the compaction"))
                      .memory());
      Memory written = write.get(2, TimeUnit.MINUTES);

      assertThat(compaction.isDone()).as("the compaction is still writing its snapshot").isFalse();
      assertThat(memkit.space().memories().search(SearchMemories.of("during compaction")))
          .extracting(hit -> hit.memory().id())
          .containsExactly(written.id());
      release.countDown();
      compaction.get(2, TimeUnit.MINUTES);

      String snapshot = Files.readString(dir.resolve("memory.json"));
      assertThat(snapshot)
          .as("the snapshot is the store as it was when the compaction began")
          .contains("memory number " + (MEMORIES - 1) + " about")
          .doesNotContain("written during the compaction");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(topHitAfterReopening("written during the compaction"))
        .isEqualTo("written during the compaction");
  }
}
