package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with the embedding model: modes on /v1, the seed route unchanged, /health telling the
 * mode.
 */
class HybridSearchServerTest {
  private static final String QUESTION = "Which hot beverage does she enjoy?";

  @TempDir static Path dir;
  static TestServer http;

  @BeforeAll
  static void start() throws Exception {
    http =
        TestServer.start(
            Map.of(
                "MEMKIT_STORE",
                "sqlite:" + dir.resolve("memkit.db"),
                "MEMKIT_API_KEY",
                TestServer.KEY,
                "MEMKIT_EMBEDDER",
                "all-minilm-l6-v2-q"),
            TestServer.KEY);
    for (String text :
        List.of(
            "Alice prefers dark roast coffee",
            "The weekly team meeting moved to Thursday",
            "Bob fixed the login bug in the mobile app")) {
      assertThat(http.post("/v1/memories", "{\"text\":\"" + text + "\",\"tags\":[\"t\"]}").status())
          .isEqualTo(201);
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline
        && !(health().contains("\"hybrid\"") && semantic(QUESTION).size() == 3)) {
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  private static String health() {
    return http.as(null).get("/health").body();
  }

  private static List<JsonNode> semantic(String q) {
    TestServer.Reply reply =
        http.get(
            "/v1/memories/search?mode=semantic&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    List<JsonNode> items = new ArrayList<>();
    if (reply.status() == 200) {
      V1ApiTest.json(reply).path("items").forEach(items::add);
    }
    return items;
  }

  @Test
  void healthSaysSearchIsHybridOnceTheModelIsReady() {
    assertThat(health())
        .isEqualTo("{\"status\":\"ok\",\"search\":\"hybrid\",\"embedder\":\"ready\"}");
  }

  @Test
  void eachHitReportsItsKeywordAndSemanticScores() {
    List<JsonNode> hits = semantic(QUESTION);
    assertThat(hits.get(0).path("text").asText()).isEqualTo("Alice prefers dark roast coffee");
    assertThat(hits.get(0).path("keyword_score").isNull()).isTrue();
    assertThat(hits.get(0).path("semantic_score").asDouble()).isBetween(0.0, 1.0);
    JsonNode keyword =
        V1ApiTest.json(http.get("/v1/memories/search?mode=keyword&q=coffee")).path("items").get(0);
    assertThat(keyword.path("keyword_score").asDouble()).isPositive();
    assertThat(keyword.path("semantic_score").isNull()).isTrue();
    JsonNode hybrid =
        V1ApiTest.json(http.get("/v1/memories/search?q=dark%20roast%20drink")).path("items").get(0);
    assertThat(hybrid.path("text").asText()).isEqualTo("Alice prefers dark roast coffee");
    assertThat(hybrid.path("keyword_score").isNumber()).isTrue();
    assertThat(hybrid.path("semantic_score").isNumber()).isTrue();
  }

  @Test
  void theSeedSearchRouteUsesTheDefaultModeAndKeepsItsFields() {
    TestServer.Reply reply =
        http.get(
            "/memory/search?q=" + URLEncoder.encode(QUESTION, StandardCharsets.UTF_8) + "&limit=1");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .matches(
            "\\[\\{\"id\":\\d+,\"event\":\"Alice prefers dark roast coffee\",\"tags\":\"t\"}]");
  }

  @Test
  void anUnknownModeIsABadRequest() {
    TestServer.Reply reply = http.get("/v1/memories/search?mode=fuzzy&q=coffee");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.body()).contains("mode");
  }

  @Test
  void theContextBlockFindsRelevantMemoriesByMeaning() {
    TestServer.Reply reply =
        http.get(
            "/v1/context?max_tokens=200&sections=relevant&format=text&mode=semantic&query="
                + URLEncoder.encode(QUESTION, StandardCharsets.UTF_8));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains("Alice prefers dark roast coffee");
    TestServer.Reply keyword =
        http.get(
            "/v1/context?max_tokens=200&sections=relevant&format=text&mode=keyword&query="
                + URLEncoder.encode(QUESTION, StandardCharsets.UTF_8));
    assertThat(keyword.body()).doesNotContain("Alice");
  }
}
