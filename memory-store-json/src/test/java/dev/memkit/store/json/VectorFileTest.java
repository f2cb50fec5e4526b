package dev.memkit.store.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.model.MemoryId;
import dev.memkit.core.port.out.MemoryVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFileTest {
  @TempDir Path dir;

  private static MemoryVector vector(long id, String model, float... values) {
    return new MemoryVector(MemoryId.of(id), model, (int) id * 31, values);
  }

  @Test
  void vectorsAreReadBackAfterReopeningTheLatestPutWinning() {
    VectorFile file = new VectorFile(dir);
    file.put(vector(1, "a", 1f, 2f));
    file.put(vector(2, "a", 3f, 4f));
    file.put(vector(1, "b", 5f, 6f));
    file.remove(2);
    VectorFile reopened = new VectorFile(dir);
    assertThat(reopened.live("a", id -> true)).isEmpty();
    assertThat(reopened.live("b", id -> true)).containsOnlyKeys(1L);
    assertThat(reopened.live("b", id -> true).get(1L).values()).containsExactly(5f, 6f);
    assertThat(reopened.live("b", id -> true).get(1L).textHash()).isEqualTo(31);
  }

  @Test
  void aTornLastRecordIsDroppedAndTheRestKept() throws Exception {
    VectorFile file = new VectorFile(dir);
    file.put(vector(1, "a", 1f));
    file.put(vector(2, "a", 2f));
    Path bin = dir.resolve(VectorFile.NAME);
    long size = Files.size(bin);
    try (var ch = java.nio.channels.FileChannel.open(bin, StandardOpenOption.WRITE)) {
      ch.truncate(size - 3);
    }
    VectorFile reopened = new VectorFile(dir);
    assertThat(reopened.live("a", id -> true)).containsOnlyKeys(1L);
    reopened.put(vector(3, "a", 3f));
    assertThat(new VectorFile(dir).live("a", id -> true)).containsOnlyKeys(1L, 3L);
  }

  @Test
  void compactionDropsVectorsOfGoneMemoriesAndShrinksTheFile() throws Exception {
    VectorFile file = new VectorFile(dir);
    for (int round = 0; round < 50; round++) {
      for (long id = 1; id <= 10; id++) {
        file.put(vector(id, "a", round, id));
      }
    }
    long before = Files.size(dir.resolve(VectorFile.NAME));
    file.compact(id -> id <= 5);
    assertThat(Files.size(dir.resolve(VectorFile.NAME))).isLessThan(before / 10);
    assertThat(new VectorFile(dir).live("a", id -> true)).containsOnlyKeys(1L, 2L, 3L, 4L, 5L);
    assertThat(new VectorFile(dir).live("a", id -> true).get(5L).values()).containsExactly(49f, 5f);
  }
}
