package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.model.Actor;
import dev.memkit.core.port.in.AddMemory;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics}: Prometheus text that moves with the traffic, behind an admin key unless made
 * public.
 */
class MetricsTest {
  @TempDir Path dir;

  /** The value of the sample {@code name{labels}} in {@code text}, or -1 when it is absent. */
  static double sample(String text, String name, String... labels) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
    while (m.find()) {
      String found = m.group(1) == null ? "" : m.group(1);
      boolean all = true;
      for (String label : labels) {
        all &= found.contains(label);
      }
      if (all) {
        return Double.parseDouble(m.group(2));
      }
    }
    return -1;
  }

  private static String scrape(TestServer http) {
    TestServer.Reply r = http.get("/metrics");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain").contains("version=0.0.4");
    return r.body();
  }

  @Test
  void requestsStoreOperationsSearchesBatchesAndBackupsAreCounted() {
    try (TestServer http = TestServer.start(dir)) {
      assertThat(http.post("/v1/backups", "{}").status()).isEqualTo(201);
      String before = scrape(http);
      assertThat(sample(before, "memkit_backups")).isEqualTo(1);
      assertThat(sample(before, "memkit_backup_age_seconds")).isBetween(0.0, 600.0);
      assertThat(sample(before, "memkit_backup_taken_seconds_count", "store=\"sqlite\""))
          .isGreaterThanOrEqualTo(1);
      assertThat(sample(before, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
      assertThat(sample(before, "process_uptime_seconds")).isPositive();
      assertThat(sample(before, "jvm_threads_live_threads")).isPositive();
      double gets =
          Math.max(
              0,
              sample(
                  before,
                  "http_server_requests_seconds_count",
                  "method=\"GET\"",
                  "status=\"200\"",
                  "uri=\"/state/get\""));
      double writes =
          Math.max(
              0,
              sample(
                  before,
                  "memkit_store_operations_seconds_count",
                  "operation=\"write\"",
                  "outcome=\"ok\""));
      double batched =
          Math.max(0, sample(before, "memkit_store_batch_units_sum", "store=\"sqlite\""));
      double reads =
          Math.max(
              0,
              sample(
                  before,
                  "memkit_store_operations_seconds_count",
                  "operation=\"read\"",
                  "outcome=\"ok\""));

      assertThat(http.post("/state/set", "{\"key\":\"phase\",\"value\":\"testing\"}").body())
          .isEqualTo("{\"ok\":true}");
      assertThat(
              http.post("/memory/add", "{\"event\":\"Deployed v1.2\",\"tags\":[\"deploy\"]}")
                  .status())
          .isEqualTo(200);
      for (int i = 0; i < 3; i++) {
        assertThat(http.get("/state/get?key=phase").body()).isEqualTo("{\"value\":\"testing\"}");
      }
      assertThat(http.get("/memory/search?q=deploy").body()).contains("Deployed v1.2");
      assertThat(http.get("/v1/state/missing").status()).isEqualTo(404);

      String after = scrape(http);
      assertThat(
              sample(
                  after,
                  "http_server_requests_seconds_count",
                  "method=\"GET\"",
                  "status=\"200\"",
                  "uri=\"/state/get\""))
          .isEqualTo(gets + 3);
      // a 404 is labelled NOT_FOUND, whatever the path, so unknown paths add no series
      assertThat(
              sample(
                  after,
                  "http_server_requests_seconds_count",
                  "status=\"404\"",
                  "uri=\"NOT_FOUND\""))
          .isEqualTo(1);
      assertThat(
              sample(
                  after,
                  "http_server_requests_seconds_bucket",
                  "uri=\"/state/get\"",
                  "le=\"+Inf\""))
          .isEqualTo(gets + 3);
      assertThat(
              sample(
                  after,
                  "memkit_store_operations_seconds_count",
                  "operation=\"write\"",
                  "outcome=\"ok\""))
          .isEqualTo(writes + 2);
      assertThat(
              sample(
                  after,
                  "memkit_store_operations_seconds_count",
                  "operation=\"read\"",
                  "outcome=\"ok\""))
          // the search, and one read of each state key: the state cache answers the other gets
          // of the unchanged key, and the route's second read of the missing one
          .isEqualTo(reads + 3);
      assertThat(sample(after, "memkit_search_seconds_count", "mode=\"keyword\"")).isEqualTo(1);
      assertThat(sample(after, "memkit_search_seconds_bucket", "mode=\"keyword\"", "le=\"+Inf\""))
          .isEqualTo(1);
      assertThat(sample(after, "memkit_store_batch_units_count", "store=\"sqlite\"")).isPositive();
      assertThat(sample(after, "memkit_store_batch_units_sum", "store=\"sqlite\""))
          .isEqualTo(batched + 2);
    }
  }

  @Test
  void metricsNeedAnAdminKey() throws Exception {
    Path keys =
        AuthTest.keysFile(
            dir,
            AuthTest.key("ops", AuthTest.ADMIN, "admin", "*"),
            AuthTest.key("bot", AuthTest.WRITER, "write", "default"));
    try (TestServer http =
        TestServer.start(
            Map.of("MEMKIT_STORE", "mem:", "MEMKIT_KEYS_FILE", keys.toString()), AuthTest.ADMIN)) {
      ErrorsTest.problem(http.as(null).get("/metrics"), 401);
      ErrorsTest.problem(http.as(AuthTest.WRITER).get("/metrics"), 403);
      assertThat(sample(scrape(http), "jvm_classes_loaded_classes")).isPositive();
    }
  }

  @Test
  void requestsRefusedBeforeTheRoutesAreCountedAsMicronautCountsClientErrors() throws Exception {
    // bursts of 1, one token per 100 s: the bot's second request is refused
    try (TestServer http = RateLimitTest.limited(dir, "0.01", "1")) {
      ErrorsTest.problem(http.as(null).get("/v1/state"), 401);
      ErrorsTest.problem(http.as(null).get("/v1/state"), 401);
      ErrorsTest.problem(http.as("not-a-key").post("/state/set", "{}"), 401);
      ErrorsTest.problem(http.as(null).get("/state/get?key=%C0%80"), 400);
      assertThat(http.get("/version").status()).isEqualTo(200);
      ErrorsTest.problem(http.get("/version"), 429);

      String text = http.as(AuthTest.ADMIN).get("/metrics").body();
      String count = "http_server_requests_seconds_count";
      assertThat(
              sample(
                  text,
                  count,
                  "method=\"GET\"",
                  "status=\"401\"",
                  "uri=\"UNAUTHORIZED\"",
                  "exception=\"none\""))
          .isEqualTo(2);
      assertThat(sample(text, count, "method=\"POST\"", "status=\"401\"")).isEqualTo(1);
      assertThat(sample(text, count, "method=\"GET\"", "status=\"400\"", "uri=\"BAD_REQUEST\""))
          .isEqualTo(1);
      assertThat(sample(text, count, "method=\"GET\"", "status=\"429\"", "uri=\"BAD_REQUEST\""))
          .isEqualTo(1);
      assertThat(sample(text, count, "status=\"200\"", "uri=\"/version\"")).isEqualTo(1);
    }
  }

  @Test
  void publicMetricsNeedNoKeyButTheApiStillDoes() {
    try (TestServer http =
        TestServer.start(
            Map.of(
                "MEMKIT_STORE",
                "mem:",
                "MEMKIT_API_KEY",
                TestServer.KEY,
                "MEMKIT_METRICS_PUBLIC",
                "true"),
            null)) {
      assertThat(sample(scrape(http), "process_uptime_seconds")).isPositive();
      ErrorsTest.problem(http.get("/v1/state"), 401);
    }
  }

  @Test
  void aMalformedMetricsSettingStopsTheStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                TestServer.start(
                    Map.of("MEMKIT_STORE", "mem:", "MEMKIT_METRICS_PUBLIC", "maybe"), null))
        .isInstanceOf(dev.memkit.core.error.ValidationException.class)
        .hasMessageContaining("MEMKIT_METRICS_PUBLIC");
  }

  @Test
  void aBackupRestoredOnOpenIsCountedAsARecovery() throws Exception {
    Path file = dir.resolve("damaged.db");
    String uri = "sqlite:" + file + "?backup_every_writes=0";
    try (Memkit memkit = Memkit.open(uri, MemkitOptions.defaults().withEnvironment(Map.of()))) {
      memkit.space().memories().add(AddMemory.of("kept in the backup"));
      memkit.backups(Actor.of("test")).create();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(new byte[100]);
    }
    try (TestServer http =
        TestServer.start(
            Map.of("MEMKIT_STORE", uri, "MEMKIT_API_KEY", TestServer.KEY), TestServer.KEY)) {
      String text = scrape(http);
      assertThat(
              sample(
                  text,
                  "memkit_store_recoveries_total",
                  "store=\"sqlite\"",
                  "event=\"restored_backup\""))
          .isEqualTo(1);
      assertThat(http.get("/v1/memories/1").status()).isEqualTo(200);
    }
  }
}
