package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.Space;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.Tag;
import dev.memkit.core.model.TimeRange;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.SearchMemories;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search through FTS5: ranking, filters, stemming. */
class SearchTest {
  @TempDir Path dir;
  Memkit memkit;
  Space space;

  @BeforeEach
  void open() {
    memkit =
        Memkit.open(
            "sqlite:" + dir.resolve("m.db"),
            MemkitOptions.defaults()
                .withEnvironment(Map.of())
                .withTokenizer(WordTokenCounterProvider.ENCODING));
    space = memkit.space();
  }

  @AfterEach
  void close() {
    memkit.close();
  }

  long add(String text, String... tags) {
    return space.memories().add(AddMemory.of(text).withTags(tags)).memory().id().value();
  }

  List<Long> search(String q) {
    return ids(space.memories().search(SearchMemories.of(q)));
  }

  static List<Long> ids(List<SearchHit> hits) {
    return hits.stream().map(h -> h.memory().id().value()).toList();
  }

  @Test
  void searchRanksAllWordsAboveSomeWords() {
    long deployOnly = add("We deployed the service again and again, deploy deploy deploy");
    long both =
        add(
            "Deployed version 1.2 of the billing service yesterday, a long note with many more words in it");
    long billingOnly = add("Billing totals were checked");
    List<SearchHit> hits =
        space.memories().search(SearchMemories.of("When did we deploy billing?"));
    assertThat(ids(hits)).containsExactly(both, deployOnly, billingOnly).doesNotContain(0L);
    assertThat(hits.get(0).matchedTerms()).isEqualTo(2);
    assertThat(hits.get(1).matchedTerms()).isEqualTo(1);
    assertThat(hits.get(0).score()).isPositive();
  }

  @Test
  void searchStemsAndFindsTags() {
    long a = add("The service was deployed and is running fine", "release", "v1.2");
    add("Nothing related here");
    assertThat(search("deploying")).containsExactly(a);
    assertThat(search("runs")).containsExactly(a);
    assertThat(search("release")).containsExactly(a);
  }

  @Test
  void searchFiltersByTagKindAndTime() {
    long tagged =
        space.memories().add(AddMemory.of("alpha one").withTags("Work")).memory().id().value();
    long fact =
        space
            .memories()
            .add(AddMemory.of("alpha two").withKind(Kind.of("fact")))
            .memory()
            .id()
            .value();
    long old =
        space
            .memories()
            .add(AddMemory.of("alpha three").withOccurredAt(Instant.parse("2001-01-01T00:00:00Z")))
            .memory()
            .id()
            .value();
    assertThat(
            ids(
                space
                    .memories()
                    .search(
                        new SearchMemories(
                            "alpha",
                            new MemoryFilter(
                                List.of(Tag.of("work")), Optional.empty(), TimeRange.ALL),
                            10))))
        .containsExactly(tagged);
    assertThat(
            ids(
                space
                    .memories()
                    .search(
                        new SearchMemories(
                            "alpha",
                            new MemoryFilter(
                                List.of(), Optional.of(Kind.of("fact")), TimeRange.ALL),
                            10))))
        .containsExactly(fact);
    assertThat(
            ids(
                space
                    .memories()
                    .search(
                        new SearchMemories(
                            "alpha",
                            new MemoryFilter(
                                List.of(),
                                Optional.empty(),
                                TimeRange.of(
                                    null, Instant.parse("2001-01-01T00:00:00.000000001Z"))),
                            10))))
        .containsExactly(old);
    assertThat(
            ids(
                space
                    .memories()
                    .search(
                        new SearchMemories(
                            "alpha",
                            new MemoryFilter(
                                List.of(),
                                Optional.empty(),
                                TimeRange.of(
                                    Instant.parse("2001-01-01T00:00:00.000000001Z"), null)),
                            10))))
        .containsExactlyInAnyOrder(tagged, fact);
  }

  @Test
  void searchKeepsNamespacesApart() {
    add("shared word");
    memkit.space("other").memories().add(AddMemory.of("shared word elsewhere"));
    assertThat(search("shared")).hasSize(1);
  }

  @Test
  void searchLimitCutsTheAllWordsTierCorrectly() {
    for (int i = 0; i < 5; i++) {
      add("red green note " + i);
    }
    long onlyRed = add("red only");
    List<SearchHit> two = space.memories().search(SearchMemories.of("red green").withLimit(2));
    assertThat(two).hasSize(2).allMatch(h -> h.matchedTerms() == 2);
    List<SearchHit> all = space.memories().search(SearchMemories.of("red green").withLimit(10));
    assertThat(all).hasSize(6);
    assertThat(all.get(5).memory().id().value()).isEqualTo(onlyRed);
  }
}
