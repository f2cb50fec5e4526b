package dev.memkit.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.core.port.in.SearchStatus;
import dev.memkit.core.port.in.UpdateMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vectors kept with the store: backfill on reopen, model changes, changed texts, the foreground
 * re-index.
 */
class IndexingTest {
  private static final String MODEL = MiniLmEmbedderProvider.NAME;

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("memkit.db");
  }

  private static void addSome(Memkit memkit) {
    memkit.space().memories().add(AddMemory.of("Alice prefers dark roast coffee"));
    memkit.space().memories().add(AddMemory.of("The weekly team meeting moved to Thursday"));
    memkit
        .space("other")
        .memories()
        .add(AddMemory.of("The quarterly budget was approved by finance"));
  }

  @Test
  void memoriesWrittenWithoutTheModelAreEmbeddedAfterReopeningWithIt() throws Exception {
    try (Memkit keywordsOnly = Stores.open(file(), "none")) {
      addSome(keywordsOnly);
      assertThat(keywordsOnly.searchStatus().embedder()).isEqualTo("absent");
      assertThat(keywordsOnly.searchStatus().defaultMode()).isEqualTo(SearchMode.KEYWORD);
      assertThatThrownBy(
              () ->
                  keywordsOnly
                      .space()
                      .memories()
                      .search(SearchMemories.of("coffee").withMode(SearchMode.SEMANTIC)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("mode");
    }
    assertThat(Stores.storedVectors(file(), MODEL)).isZero();
    try (Memkit withModel = Stores.open(file(), MODEL)) {
      SearchStatus status = Stores.awaitIndexed(withModel);
      assertThat(status.indexed()).isEqualTo(3);
      assertThat(
              withModel
                  .space()
                  .memories()
                  .search(
                      SearchMemories.of("what drink does she like?")
                          .withMode(SearchMode.SEMANTIC)
                          .withLimit(1)))
          .extracting(h -> h.memory().text())
          .containsExactly("Alice prefers dark roast coffee");
    }
    assertThat(Stores.storedVectors(file(), MODEL)).isEqualTo(3);
    try (Memkit again = Stores.open(file(), MODEL)) {
      assertThat(again.awaitSearchReady(java.time.Duration.ofSeconds(60))).isTrue();
      // read back from the file, nothing to embed again
      assertThat(again.searchStatus().indexed()).isEqualTo(3);
      assertThat(again.searchStatus().pending()).isZero();
    }
  }

  @Test
  void theJsonStoreKeepsVectorsBesideItsFilesAcrossReopening() throws Exception {
    String uri = "json:" + dir.resolve("json");
    try (Memkit memkit = dev.memkit.core.Memkit.open(uri, Stores.options(MODEL))) {
      addSome(memkit);
      assertThat(Stores.awaitIndexed(memkit).indexed()).isEqualTo(3);
    }
    assertThat(dir.resolve("json").resolve("memory_vectors.bin")).isNotEmptyFile();
    try (Memkit memkit = dev.memkit.core.Memkit.open(uri, Stores.options(MODEL))) {
      assertThat(memkit.awaitSearchReady(java.time.Duration.ofSeconds(60))).isTrue();
      assertThat(memkit.searchStatus().indexed()).isEqualTo(3);
      assertThat(memkit.searchStatus().pending()).isZero();
      assertThat(
              memkit
                  .space()
                  .memories()
                  .search(
                      SearchMemories.of("what drink does she like?")
                          .withMode(SearchMode.SEMANTIC)
                          .withLimit(1)))
          .extracting(h -> h.memory().text())
          .containsExactly("Alice prefers dark roast coffee");
    }
  }

  @Test
  void aChangedModelReEmbedsEverythingAndNeverMixesVectors() throws Exception {
    try (Memkit first = Stores.open(file(), MODEL)) {
      addSome(first);
      Stores.awaitIndexed(first);
    }
    assertThat(Stores.storedVectors(file(), MODEL)).isEqualTo(3);
    try (Memkit renamed = Stores.open(file(), RenamedModelProvider.NAME)) {
      SearchStatus status = Stores.awaitIndexed(renamed);
      assertThat(status.model()).hasValue(RenamedModelProvider.NAME);
      assertThat(status.indexed()).isEqualTo(3);
    }
    assertThat(Stores.storedVectors(file(), RenamedModelProvider.NAME)).isEqualTo(3);
    assertThat(Stores.storedVectors(file(), MODEL)).isZero();
  }

  @Test
  void anUpdatedTextIsEmbeddedAgainAndItsOldMeaningNoLongerMatches() throws Exception {
    try (Memkit memkit = Stores.open(file(), MODEL)) {
      var memories = memkit.space().memories();
      var coffee = memories.add(AddMemory.of("Alice prefers dark roast coffee")).memory();
      memories.add(AddMemory.of("The weekly team meeting moved to Thursday"));
      Stores.awaitIndexed(memkit);
      memories.update(coffee.id(), UpdateMemory.text("The printer on floor two is out of toner"));
      Stores.awaitIndexed(memkit);
      assertThat(
              memories.search(
                  SearchMemories.of("office printer supplies")
                      .withMode(SearchMode.SEMANTIC)
                      .withLimit(1)))
          .extracting(h -> h.memory().id())
          .containsExactly(coffee.id());
      memories.delete(coffee.id());
      assertThat(
              memories.search(
                  SearchMemories.of("office printer supplies").withMode(SearchMode.SEMANTIC)))
          .extracting(h -> h.memory().id())
          .doesNotContain(coffee.id());
    }
  }

  @Test
  void reindexEmbedsInTheForegroundAndReportsProgress() throws Exception {
    try (Memkit keywordsOnly = Stores.open(file(), "none")) {
      for (int i = 0; i < 40; i++) {
        keywordsOnly.space().memories().add(AddMemory.of("note number " + i + " about the garden"));
      }
    }
    try (Memkit memkit = Stores.open(file(), MODEL)) {
      List<long[]> progress = new ArrayList<>();
      memkit.reindex(false, (done, total) -> progress.add(new long[] {done, total}));
      assertThat(progress).isNotEmpty();
      assertThat(progress.get(progress.size() - 1)).containsExactly(40, 40);
      assertThat(memkit.searchStatus().indexed()).isEqualTo(40);
      List<long[]> forced = new ArrayList<>();
      long again = memkit.reindex(true, (done, total) -> forced.add(new long[] {done, total}));
      // the background indexer shares the work, so this call embeds some of the 40, not necessarily
      // all
      assertThat(again).isBetween(0L, 40L);
      assertThat(forced.get(0)[0]).isLessThan(40);
      assertThat(forced.get(forced.size() - 1)).containsExactly(40, 40);
    }
    assertThat(Stores.storedVectors(file(), MODEL)).isEqualTo(40);
  }
}
