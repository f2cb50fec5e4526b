package dev.memkit.store.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.out.Observer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-file store tells its observer the size of every batch its journal writes. */
class JsonStoreObserverTest {
  @TempDir Path dir;

  @Test
  void everyWrittenRecordIsCountedInSomeBatch() {
    List<Integer> batches = new CopyOnWriteArrayList<>();
    Observer observer =
        new Observer() {
          @Override
          public void batchCommitted(String store, int units) {
            assertThat(store).isEqualTo("json");
            batches.add(units);
          }
        };
    try (Memkit memkit =
        Memkit.open(
            "json:" + dir.resolve("store") + "?fsync=never",
            MemkitOptions.defaults()
                .withEnvironment(Map.of())
                .withTokenizer(WordTokenCounterProvider.ENCODING)
                .withObserver(observer))) {
      for (int i = 0; i < 20; i++) {
        memkit.space().memories().add(AddMemory.of("memory " + i));
      }
    }
    assertThat(batches).isNotEmpty().allMatch(units -> units >= 1);
    assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
  }

  @Test
  void aRepairOnOpenIsReportedAndACleanOpenReportsNothing() throws Exception {
    Path store = dir.resolve("repaired");
    JsonStore first = TestStores.open(store, "");
    Memkit writer = TestStores.memkit(first);
    for (int i = 1; i <= 5; i++) {
      writer.space().memories().add(AddMemory.of("m" + i));
      if (i == 3) {
        first.compactNow();
      }
    }
    first.compactNow();
    first.closeLeavingJournal();
    java.nio.file.Files.writeString(store.resolve("memory.json"), "this is not JSON {{{");

    List<String> heard = new CopyOnWriteArrayList<>();
    Observer observer =
        new Observer() {
          @Override
          public void recovered(String kind, String event) {
            heard.add(kind + " " + event);
          }
        };
    MemkitOptions options =
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING)
            .withObserver(observer);
    try (Memkit memkit = Memkit.open("json:" + store, options)) {
      assertThat(memkit.space().memories().find(dev.memkit.core.model.MemoryId.of(5))).isPresent();
    }
    assertThat(heard).containsExactly("json repaired");
    heard.clear();
    try (Memkit memkit = Memkit.open("json:" + store, options)) {
      assertThat(memkit.space().memories().find(dev.memkit.core.model.MemoryId.of(5))).isPresent();
    }
    assertThat(heard).isEmpty();
  }
}
