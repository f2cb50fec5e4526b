package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memkit.core.error.ValidationException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-key token buckets: 429 with Retry-After and a problem once a key's burst is spent; other keys
 * and public routes unaffected.
 */
class RateLimitTest {
  @TempDir Path dir;

  @Test
  void aKeyOverItsBurstGets429WithRetryAfterWhileAnotherKeyIsServed() throws Exception {
    // one request per 100 s, bursts of 2: the third request in a row is refused for up to 100 s
    try (TestServer http = limited(dir, "0.01", "2")) {
      assertThat(http.post("/state/set", "{\"key\":\"phase\",\"value\":\"testing\"}").body())
          .isEqualTo("{\"ok\":true}");
      assertThat(http.get("/state/get?key=phase").status()).isEqualTo(200);

      TestServer.Reply refused =
          http.post("/state/set", "{\"key\":\"phase\",\"value\":\"refused\"}");
      JsonNode problem = ErrorsTest.problem(refused, 429);
      assertThat(problem.path("detail").asText()).contains("key 'bot'").contains("retry after");
      assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 100);

      TestServer.Reply admin = http.as(AuthTest.ADMIN).get("/state/get?key=phase");
      assertThat(admin.body())
          .as("the refused write changed nothing")
          .isEqualTo("{\"value\":\"testing\"}");
      assertThat(http.as(null).get("/health").status())
          .as("public routes are not limited")
          .isEqualTo(200);
      assertThat(http.get("/version").status()).isEqualTo(429);

      String metrics = http.as(AuthTest.ADMIN).get("/metrics").body();
      assertThat(MetricsTest.sample(metrics, "memkit_rate_limited_total", "key=\"bot\""))
          .isEqualTo(2);
    }
  }

  @Test
  void withoutASettingNothingIsLimited() {
    try (TestServer http =
        TestServer.start(
            Map.of("MEMKIT_STORE", "mem:", "MEMKIT_API_KEY", TestServer.KEY), TestServer.KEY)) {
      for (int i = 0; i < 50; i++) {
        assertThat(http.get("/version").status()).isEqualTo(200);
      }
    }
  }

  @Test
  void malformedSettingsStopTheStartNamingTheVariable() {
    for (Map.Entry<String, String> bad :
        Map.of("MEMKIT_RATE_LIMIT", "fast", "MEMKIT_RATE_BURST", "0").entrySet()) {
      Map<String, String> env =
          new java.util.HashMap<>(Map.of("MEMKIT_STORE", "mem:", "MEMKIT_RATE_LIMIT", "5"));
      env.put(bad.getKey(), bad.getValue());
      assertThatThrownBy(() -> TestServer.start(env, null))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining(bad.getKey());
    }
    assertThatThrownBy(() -> OpsSettings.from(Map.of("MEMKIT_RATE_LIMIT", "-1")))
        .hasMessageContaining("MEMKIT_RATE_LIMIT");
    assertThat(OpsSettings.from(Map.of("MEMKIT_RATE_LIMIT", "off")).rateLimit()).isEmpty();
    assertThat(OpsSettings.from(Map.of("MEMKIT_RATE_LIMIT", "10")).rateBurst()).isEqualTo(20);
  }

  @Test
  void theBucketRefillsAtTheRateUpToItsCapacity() {
    RateLimiter.TokenBucket bucket = new RateLimiter.TokenBucket(2, 3); // 2 per second, 3 at once
    long t = 1_000_000_000L;
    assertThat(bucket.take(t)).isZero();
    assertThat(bucket.take(t)).isZero();
    assertThat(bucket.take(t)).isZero();
    assertThat(bucket.take(t)).isEqualTo(500_000_000L);
    assertThat(bucket.take(t + 250_000_000L)).isEqualTo(250_000_000L);
    assertThat(bucket.take(t + 500_000_000L)).isZero();
    assertThat(bucket.take(t + 60_000_000_000L)).isZero(); // a long pause refills to 3, not more
    assertThat(bucket.take(t + 60_000_000_000L)).isZero();
    assertThat(bucket.take(t + 60_000_000_000L)).isZero();
    assertThat(bucket.take(t + 60_000_000_000L)).isPositive();
  }

  /**
   * A {@code mem:} server with two keys, {@code ops} (admin, every namespace) and {@code bot}
   * (writer, {@code default}), limited to {@code rate} requests per second in bursts of {@code
   * burst}; requests go as {@code bot}.
   */
  static TestServer limited(Path dir, String rate, String burst) throws Exception {
    Path keys =
        AuthTest.keysFile(
            dir,
            AuthTest.key("ops", AuthTest.ADMIN, "admin", "*"),
            AuthTest.key("bot", AuthTest.WRITER, "write", "default"));
    return TestServer.start(
        Map.of(
            "MEMKIT_STORE",
            "mem:",
            "MEMKIT_KEYS_FILE",
            keys.toString(),
            "MEMKIT_RATE_LIMIT",
            rate,
            "MEMKIT_RATE_BURST",
            burst),
        AuthTest.WRITER);
  }
}
