package dev.memkit.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.Tag;
import dev.memkit.core.model.TimeRange;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.MemoryUseCase;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search with the real model over a real SQLite file: what each side finds that the other cannot.
 */
class HybridSearchTest {
  @TempDir Path dir;
  private Memkit memkit;
  private MemoryUseCase memories;

  @BeforeEach
  void open() {
    memkit = Stores.open(dir.resolve("memkit.db"), MiniLmEmbedderProvider.NAME);
    memories = memkit.space().memories();
  }

  @AfterEach
  void close() {
    memkit.close();
  }

  private long add(String text, String... tags) {
    return memories.add(AddMemory.of(text).withTags(tags)).memory().id().value();
  }

  private List<Long> ids(String query, SearchMode mode, int limit) {
    return memories.search(SearchMemories.of(query).withLimit(limit).withMode(mode)).stream()
        .map(h -> h.memory().id().value())
        .toList();
  }

  private void background() {
    add("The deploy of version 1.2 finished at noon");
    add("Bob fixed the login bug in the mobile app");
    add("The weekly team meeting moved to Thursday");
    add("The quarterly budget was approved by finance");
  }

  @Test
  void aParaphraseIsFoundOnlyByTheSemanticSide() throws Exception {
    background();
    long coffee = add("Alice prefers dark roast coffee");
    Stores.awaitIndexed(memkit);
    String question = "Which hot beverage does she enjoy?";
    assertThat(ids(question, SearchMode.KEYWORD, 5)).isEmpty();
    assertThat(ids(question, SearchMode.SEMANTIC, 1)).containsExactly(coffee);
    List<SearchHit> hybrid = memories.search(SearchMemories.of(question).withLimit(1));
    assertThat(hybrid).extracting(h -> h.memory().id().value()).containsExactly(coffee);
    assertThat(hybrid.get(0).keywordScore()).isEmpty();
    assertThat(hybrid.get(0).semanticScore()).isPresent();
    assertThat(memkit.searchStatus().defaultMode()).isEqualTo(SearchMode.HYBRID);
  }

  @Test
  void aRareExactTermIsFoundOnlyByTheKeywordSide() throws Exception {
    background();
    add("ticket zx81q-7732 closed");
    add("zx81q-7730 was a duplicate");
    long target =
        add(
            "Notes from the offsite: hiring, the roadmap, office snacks, the holiday party, and ticket zx81q-7731");
    Stores.awaitIndexed(memkit);
    assertThat(ids("zx81q-7731", SearchMode.SEMANTIC, 1)).doesNotContain(target);
    assertThat(ids("zx81q-7731", SearchMode.KEYWORD, 1)).containsExactly(target);
    List<SearchHit> hybrid = memories.search(SearchMemories.of("zx81q-7731").withLimit(1));
    assertThat(hybrid).extracting(h -> h.memory().id().value()).containsExactly(target);
    assertThat(hybrid.get(0).keywordScore()).isPresent();
    assertThat(hybrid.get(0).matchedTerms()).isEqualTo(2);
  }

  @Test
  void filtersAreHonouredByBothSides() throws Exception {
    background();
    long tagged = add("Alice prefers dark roast coffee", "personal");
    add("Carol drinks green tea every afternoon");
    add("Dave likes his coffee with oat milk", "work");
    Stores.awaitIndexed(memkit);
    MemoryFilter personal =
        new MemoryFilter(List.of(Tag.of("personal")), Optional.empty(), TimeRange.ALL);
    for (SearchMode mode : SearchMode.values()) {
      List<SearchHit> hits =
          memories.search(new SearchMemories("coffee drinks", personal, 10, Optional.of(mode)));
      assertThat(hits)
          .as(mode.value())
          .extracting(h -> h.memory().id().value())
          .containsExactly(tagged);
    }
  }

  @Test
  void theSpeakerIsEmbeddedWithTheText() throws Exception {
    long said =
        memories
            .add(
                AddMemory.of("I will take the train to Berlin on Friday")
                    .withMetadata(JsonValue.objectBuilder().put("speaker", "Melanie").build()))
            .memory()
            .id()
            .value();
    add("I will take the bus to the office on Monday");
    Stores.awaitIndexed(memkit);
    assertThat(ids("How is Melanie travelling to Berlin?", SearchMode.SEMANTIC, 1))
        .containsExactly(said);
  }
}
