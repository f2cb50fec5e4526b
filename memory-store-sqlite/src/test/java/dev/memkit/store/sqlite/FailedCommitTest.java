package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.SmallDisk;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.Memory;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListMemories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit that fails for a cause outside the store (here: the disk is full) fails only that write:
 * the writer rolls back, lets go of its locks, and the next write succeeds once the cause is gone.
 * Runs on a small tmpfs of its own; skipped with the reason where mounting one is not allowed.
 */
class FailedCommitTest {
  @TempDir Path dir;
  SmallDisk disk;

  @BeforeEach
  void mountSmallDisk() {
    String[] why = new String[1];
    Optional<SmallDisk> mounted = SmallDisk.mount(dir, 1024, why);
    assumeTrue(mounted.isPresent(), () -> why[0]);
    disk = mounted.get();
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      disk.close();
    }
  }

  private Memkit open(Path file) {
    return Memkit.open(
        "sqlite:"
            + file
            + "?synchronous=normal&backup_every_writes=0&backup_interval=off&busy_timeout=2000",
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING));
  }

  private static Memory add(Memkit memkit, String text) {
    return memkit.space().memories().add(AddMemory.of(text)).memory();
  }

  private static int count(Memkit memkit) {
    return memkit.space().memories().list(ListMemories.newest(100)).items().size();
  }

  @Test
  void aFullDiskFailsWritesNamingTheCauseAndWritesSucceedAgainOnceSpaceIsFreed() throws Exception {
    Path file = disk.root().resolve("memkit.db");
    try (Memkit memkit = open(file);
        Memkit other = open(file)) {
      add(memkit, "stored before the disk filled");
      Path filler = disk.fill("filler");
      String big = "a long memory that needs new pages " + "x".repeat(3000);
      StoreUnavailableException failure = null;
      for (int i = 0; i < 200 && failure == null; i++) {
        try {
          add(memkit, big + i);
        } catch (StoreUnavailableException e) {
          failure = e;
        }
      }
      assertThat(failure).as("a write on the full disk").isNotNull();
      assertThat(failure.getMessage()).contains("is full");
      int stored = count(memkit);

      Files.delete(filler);
      Memory after = add(memkit, "written once space was back");
      assertThat(after.text()).isEqualTo("written once space was back");
      // a second store on the same file is not held up by locks the first one kept
      add(other, "written by a second store on the same file");
      assertThat(count(memkit)).isEqualTo(stored + 2);
    }
    try (Memkit memkit = open(file)) {
      assertThat(memkit.space().memories().list(ListMemories.newest(2)).items())
          .extracting(Memory::text)
          .containsExactly(
              "written by a second store on the same file", "written once space was back");
    }
  }
}
