package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.SearchMemories;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store's two-step ranking against the core's in-memory reference store on random data:
 * the same memories found, each with the same number of matched terms, in the same tier order.
 */
class RankingAgreesWithReferenceTest {
  private static final String[] WORDS =
      ("apple banana cherry delta echo falcon garden harbor island jungle " + "kettle lemon")
          .split(" ");

  @TempDir Path dir;

  @Test
  void matchedTermsAndTiersAgreeWithTheInMemoryStore() {
    MemkitOptions options =
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING);
    Random random = new Random(11);
    try (Memkit sqlite =
            Memkit.open("sqlite:" + dir.resolve("r.db") + "?synchronous=normal", options);
        Memkit reference = Memkit.open("mem:reference", options)) {
      for (int i = 0; i < 300; i++) {
        StringBuilder text = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int w = 0; w < n; w++) {
          text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        AddMemory add = AddMemory.of(text.toString().trim());
        assertThat(sqlite.space().memories().add(add).memory().id())
            .isEqualTo(reference.space().memories().add(add).memory().id());
      }
      for (int q = 0; q < 60; q++) {
        StringBuilder query = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int w = 0; w < n; w++) {
          query.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        for (int limit : new int[] {3, 10, 100}) {
          SearchMemories search = SearchMemories.of(query.toString()).withLimit(limit);
          List<SearchHit> got = sqlite.space().memories().search(search);
          List<SearchHit> want = reference.space().memories().search(search);
          assertThat(got.stream().map(SearchHit::matchedTerms).toList())
              .as("tiers of '%s' limit %d", query, limit)
              .isEqualTo(want.stream().map(SearchHit::matchedTerms).toList());
          if (want.size() < limit) {
            assertThat(byId(got)).as("hits of '%s'", query).isEqualTo(byId(want));
          }
        }
      }
    }
  }

  private static Map<Long, Integer> byId(List<SearchHit> hits) {
    Map<Long, Integer> out = new HashMap<>();
    hits.forEach(h -> out.put(h.memory().id().value(), h.matchedTerms()));
    return out;
  }
}
