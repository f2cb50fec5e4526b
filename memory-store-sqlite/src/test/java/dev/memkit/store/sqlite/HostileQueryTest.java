package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.HostileQueries;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.search.SearchQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Queries written to break FTS5 or SQL: each gives results or nothing, never an error. */
class HostileQueryTest {
  @TempDir Path dir;
  Memkit memkit;

  static Stream<String> hostile() {
    return HostileQueries.all().stream();
  }

  @BeforeEach
  void open() {
    memkit =
        Memkit.open(
            "sqlite:" + dir.resolve("m.db") + "?synchronous=normal",
            MemkitOptions.defaults()
                .withEnvironment(Map.of())
                .withTokenizer(WordTokenCounterProvider.ENCODING));
    memkit
        .space()
        .memories()
        .add(AddMemory.of("We deployed billing v1.2 on Tuesday").withTags("release", "v1.2"));
    memkit.space().memories().add(AddMemory.of("Café crème brûlée was served; 日本語のテキスト too"));
    memkit.space().memories().add(AddMemory.of("Rollback of the deploy happened at night"));
  }

  @AfterEach
  void close() {
    memkit.close();
  }

  @Test
  void theListIsLongEnough() {
    assertThat(hostile().count()).isGreaterThanOrEqualTo(30);
    assertThat(hostile().filter(q -> q.length() >= 10_000)).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void hostileQueryGivesResultsOrNothing(String query) {
    assertThatCode(() -> memkit.space().memories().search(SearchMemories.of(query)))
        .doesNotThrowAnyException();
  }

  @Test
  void operatorsAreReadAsWords() {
    assertThat(search("deploy OR")).hasSize(2);
    assertThat(search("NEAR(deploy billing, 2)"))
        .first()
        .satisfies(h -> assertThat(h.memory().text()).startsWith("We deployed billing"));
    assertThat(search("-deploy")).hasSize(2);
    assertThat(search("tags:release")).hasSize(1);
    assertThat(search("Cafe creme")).hasSize(1);
    assertThat(search("\"deploy")).hasSize(2);
    assertThat(search("rowid = 1")).isEmpty();
  }

  private List<SearchHit> search(String q) {
    return memkit.space().memories().search(SearchMemories.of(q));
  }

  @Test
  void wordsThatAreFts5SyntaxAreSafeEvenPastTheCore() {
    try (Store store =
        new SqliteStoreProvider()
            .open(StoreLocation.parse("sqlite:" + dir.resolve("m.db"), Map.of()))) {
      List<String> words =
          List.of(
              "\"",
              "deploy\" OR \"x",
              "NEAR(",
              "*",
              "^",
              "text:",
              ")",
              "\"\"\"",
              "",
              " ",
              "\u0000");
      for (String w : words) {
        SearchQuery q = new SearchQuery(w, List.of(w, "deploy"), List.of(w, "deploi"));
        assertThatCode(
                () ->
                    store.read(
                        tx -> tx.memories().search(Namespace.DEFAULT, q, MemoryFilter.ALL, 10)))
            .as(w)
            .doesNotThrowAnyException();
      }
    }
  }
}
