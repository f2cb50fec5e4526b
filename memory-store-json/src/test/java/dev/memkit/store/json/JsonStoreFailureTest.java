package dev.memkit.store.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memkit.core.Memkit;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.SearchMemories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes that fail leave nothing behind, and concurrent writers share their disk flushes. */
class JsonStoreFailureTest {
  @TempDir Path dir;

  private static List<String> texts(Memkit memkit) {
    return memkit.space().memories().list(ListMemories.newest(100)).items().stream()
        .map(Memory::text)
        .toList();
  }

  @Test
  void aFullDiskFailsTheWriteAsStoreUnavailableAndKeepsWhatWasStored() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full), "needs /dev/full, the kernel's always-full device");
    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      memkit.space().memories().add(AddMemory.of("stored before the disk filled"));
      // A compaction starts the journal segment named after the next record; make that file the
      // full device.
      Path next = Journal.segmentPath(dir, 2);
      Files.createSymbolicLink(next, full);
      store.compactNow();

      assertThatThrownBy(
              () -> memkit.space().memories().add(AddMemory.of("written to a full disk")))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("cannot write to the journal of store in " + dir.toAbsolutePath())
          .hasMessageContaining("the change was not stored");
      assertThat(texts(memkit)).containsExactly("stored before the disk filled");
      assertThat(memkit.space().memories().search(SearchMemories.of("written"))).isEmpty();
      assertThat(memkit.space().audit().list(ListAudit.newest(50)).items()).hasSize(1);

      Files.delete(next);
      Memory after =
          memkit.space().memories().add(AddMemory.of("written once space was back")).memory();
      assertThat(after.id()).isEqualTo(MemoryId.of(2));
    }
    try (Memkit memkit = TestStores.memkit(TestStores.open(dir, ""))) {
      assertThat(texts(memkit))
          .containsExactly("written once space was back", "stored before the disk filled");
      assertThat(memkit.space().audit().list(ListAudit.newest(50)).items()).hasSize(2);
    }
  }

  @Test
  void aFilledFileSystemFailsWritesAndWritesSucceedAgainOnceSpaceIsFreed() throws Exception {
    String[] why = new String[1];
    java.util.Optional<dev.memkit.core.contract.SmallDisk> mounted =
        dev.memkit.core.contract.SmallDisk.mount(dir, 1024, why);
    assumeTrue(mounted.isPresent(), () -> why[0]);
    try (dev.memkit.core.contract.SmallDisk disk = mounted.get()) {
      Path storeDir = disk.root().resolve("store");
      try (Memkit memkit = TestStores.memkit(TestStores.open(storeDir, ""))) {
        memkit.space().memories().add(AddMemory.of("stored before the disk filled"));
        Path filler = disk.fill("filler");
        StoreUnavailableException failure = null;
        for (int i = 0; i < 200 && failure == null; i++) {
          try {
            memkit
                .space()
                .memories()
                .add(AddMemory.of("a long memory that needs new blocks " + "x".repeat(3000) + i));
          } catch (StoreUnavailableException e) {
            failure = e;
          }
        }
        assertThat(failure).as("a write on the full disk").isNotNull();
        assertThat(failure.getMessage()).contains("the change was not stored");
        int stored = memkit.space().memories().list(ListMemories.newest(100)).items().size();
        Files.delete(filler);
        memkit.space().memories().add(AddMemory.of("written once space was back"));
        assertThat(memkit.space().memories().list(ListMemories.newest(100)).items())
            .hasSize(stored + 1);
      }
      try (Memkit memkit = TestStores.memkit(TestStores.open(storeDir, ""))) {
        assertThat(texts(memkit).get(0)).isEqualTo("written once space was back");
      }
    }
  }

  @Test
  void aJournalDeletedWhileRunningRefusesWritesInsteadOfAcknowledgingThem() throws Exception {
    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      memkit.space().memories().add(AddMemory.of("stored before the journal was deleted"));
      try (var segments = Files.list(dir)) {
        for (Path segment :
            segments.filter(p -> p.getFileName().toString().startsWith(Journal.PREFIX)).toList()) {
          Files.delete(segment);
        }
      }
      assertThatThrownBy(
              () -> memkit.space().memories().add(AddMemory.of("cannot be made durable")))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("was deleted while the store was open")
          .hasMessageContaining("the change was not stored");
      assertThat(texts(memkit)).containsExactly("stored before the journal was deleted");
      assertThat(store.health().writable()).isFalse();
      assertThatThrownBy(() -> memkit.space().memories().add(AddMemory.of("still refused")))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }

  @Test
  void aUnitOfWorkThatThrowsLeavesNothingInMemoryOrOnDisk() throws Exception {
    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      memkit.space().state().set(StateKey.of("phase"), JsonValue.of("design"));
      long journalBytes = journalBytes();
      assertThatThrownBy(
              () ->
                  store.write(
                      tx -> {
                        MemoryId id = tx.memories().nextId();
                        tx.memories()
                            .put(
                                new Memory(
                                    id,
                                    Namespace.DEFAULT,
                                    "never kept",
                                    List.of(),
                                    dev.memkit.core.model.Kind.of("note"),
                                    JsonValue.emptyObject(),
                                    java.util.Optional.empty(),
                                    java.util.Optional.empty(),
                                    Instant.now(),
                                    Instant.now()));
                        tx.state().delete(Namespace.DEFAULT, StateKey.of("phase"));
                        throw new IllegalStateException("the unit of work fails");
                      }))
          .isInstanceOf(IllegalStateException.class);

      assertThat(journalBytes()).isEqualTo(journalBytes);
      assertThat(texts(memkit)).isEmpty();
      assertThat(memkit.space().memories().search(SearchMemories.of("never kept"))).isEmpty();
      assertThat(memkit.space().state().get(StateKey.of("phase"))).isPresent();
      assertThat(
              memkit.space().memories().add(AddMemory.of("the id was not used up")).memory().id())
          .isEqualTo(MemoryId.of(1));
    }
  }

  @Test
  void concurrentWritersShareFlushes() throws Exception {
    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      long batchesBefore = store.journalBatches();
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          int thread = t;
          futures.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 50; i++) {
                      memkit
                          .space()
                          .memories()
                          .add(AddMemory.of("writer " + thread + " write " + i));
                    }
                  }));
        }
        for (Future<?> f : futures) {
          f.get(2, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(memkit.space().memories().list(ListMemories.newest(100)).items()).hasSize(100);
      assertThat(store.journalBatches() - batchesBefore).isLessThan(800);
    }
  }

  private long journalBytes() throws Exception {
    long total = 0;
    for (Journal.Segment s : Journal.segments(dir)) {
      total += Files.size(s.path());
    }
    return total;
  }
}
