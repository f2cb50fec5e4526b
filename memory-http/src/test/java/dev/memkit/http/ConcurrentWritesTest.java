package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 32 clients adding 10,000 memories at once: every one stored once, every one audited once. */
class ConcurrentWritesTest {
  static final int CLIENTS = 32;
  static final int MEMORIES = 10_000;

  @TempDir Path dir;

  @Test
  void thirtyTwoClientsAddTenThousandMemoriesExactly() throws Exception {
    try (TestServer http = TestServer.start(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        results.add(
            pool.submit(
                () -> {
                  List<Integer> failed = new ArrayList<>();
                  for (int i = client; i < MEMORIES; i += CLIENTS) {
                    TestServer.Reply r =
                        http.post(
                            "/v1/memories?namespace=load",
                            "{\"text\":\"memory number "
                                + i
                                + "\",\"tags\":[\"c"
                                + client
                                + "\"]}");
                    if (r.status() != 201) {
                      failed.add(r.status());
                    }
                  }
                  return failed;
                }));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
      for (Future<List<Integer>> f : results) {
        assertThat(f.get()).isEmpty();
      }

      Set<Long> ids = new HashSet<>();
      String cursor = null;
      do {
        JsonNode page =
            V1ApiTest.json(
                http.get(
                    "/v1/memories?namespace=load&limit=100"
                        + (cursor == null ? "" : "&cursor=" + cursor)));
        page.get("items").forEach(m -> ids.add(m.get("id").asLong()));
        cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      } while (cursor != null);
      assertThat(ids).hasSize(MEMORIES);

      int audited = 0;
      Set<Long> sequences = new HashSet<>();
      String before = null;
      do {
        JsonNode page =
            V1ApiTest.json(
                http.get(
                    "/v1/audit?namespace=load&limit=1000"
                        + (before == null ? "" : "&before=" + before)));
        for (JsonNode entry : page.get("items")) {
          assertThat(entry.get("action").asText()).isEqualTo("memory.add");
          sequences.add(entry.get("sequence").asLong());
          audited++;
        }
        before = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      } while (before != null);
      assertThat(audited).isEqualTo(MEMORIES);
      assertThat(sequences).hasSize(MEMORIES);
    }
  }
}
