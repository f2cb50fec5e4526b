package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each error status is a problem+json document naming the field and the rule. */
class ErrorsTest {
  @TempDir static Path dir;
  static TestServer http;

  @BeforeAll
  static void start() {
    http =
        TestServer.start(
            Map.of(
                "MEMKIT_STORE",
                TestServer.storeUri(dir, "sqlite"),
                "MEMKIT_API_KEY",
                TestServer.KEY,
                "MEMKIT_MAX_BODY",
                "4096"),
            TestServer.KEY);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  static JsonNode problem(TestServer.Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonNode p = V1ApiTest.json(reply);
    assertThat(p.get("type").asText()).isEqualTo("about:blank");
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
    assertThat(p.get("errors").isArray()).isTrue();
    assertThat(reply.body()).doesNotContain("at dev.memkit").doesNotContain("Exception");
    return p;
  }

  @Test
  void aBrokenRuleIs400NamingFieldAndRule() {
    JsonNode p =
        problem(http.post("/v1/memories", "{\"text\":\"x\",\"tags\":[\"ok\",\"not ok\"]}"), 400);
    assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("tags[1]");
    assertThat(p.get("errors").get(0).get("rule").asText()).contains("must match");
  }

  @Test
  void aMissingMemberIs400() {
    JsonNode p = problem(http.post("/v1/memories", "{\"tags\":[]}"), 400);
    assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("text");
  }

  @Test
  void aWrongTypeIs400NamingTheMember() {
    JsonNode p = problem(http.post("/v1/memories", "{\"text\":42}"), 400);
    assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("text");
    assertThat(p.get("errors").get(0).get("rule").asText()).isEqualTo("must be a string");
    JsonNode tags = problem(http.post("/v1/memories", "{\"text\":\"x\",\"tags\":\"deploy\"}"), 400);
    assertThat(tags.get("errors").get(0).get("rule").asText()).isEqualTo("must be an array");
  }

  @Test
  void malformedJsonIs400() {
    problem(http.post("/v1/memories", "{\"text\":"), 400);
    JsonNode p = problem(http.post("/v1/memories", "{\"text\":\"x\"}{\"text\":\"y\"}"), 400);
    assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("body");
    problem(http.post("/v1/memories", "{\"text\":\"x\",\"text\":\"y\"}"), 400);
    JsonNode missing = problem(http.send("POST", "/v1/memories", null, "application/json"), 400);
    assertThat(missing.get("errors").get(0).get("field").asText()).isEqualTo("body");
  }

  @Test
  void aBadPathOrQueryValueIs400() {
    problem(http.get("/v1/memories/abc"), 400);
    problem(http.get("/v1/memories?limit=many"), 400);
    problem(http.get("/v1/memories?limit=0"), 400);
    JsonNode p = problem(http.get("/v1/memories/search"), 400);
    assertThat(p.get("detail").asText()).contains("q");
  }

  @Test
  void anUnknownRecordIs404AndAnUnknownRouteToo() {
    problem(http.get("/v1/memories/999999"), 404);
    problem(http.get("/v1/nothing-here"), 404);
  }

  @Test
  void aVersionConflictIs409() {
    http.put("/v1/state/cas", "{\"value\":1}");
    TestServer.Reply r =
        http.send("PUT", "/v1/state/cas", "{\"value\":2}", "application/json", "If-Match", "\"5\"");
    problem(r, 409);
    problem(
        http.send(
            "PUT", "/v1/state/cas", "{\"value\":2}", "application/json", "If-Match", "nonsense"),
        400);
  }

  @Test
  void aBodyOverTheLimitIs413() {
    problem(http.post("/v1/memories", "{\"text\":\"" + "a".repeat(10_000) + "\"}"), 413);
  }

  @Test
  void aWrongContentTypeIs415() {
    problem(
        http.send("POST", "/v1/memories", "text=hello", "application/x-www-form-urlencoded"), 415);
    problem(http.send("POST", "/v1/memories", "hello", "text/plain"), 415);
  }

  @Test
  void aWrongMethodIsAProblemToo() {
    TestServer.Reply r = http.send("PUT", "/v1/memories", "{}", "application/json");
    assertThat(r.status()).isIn(404, 405);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }
}
