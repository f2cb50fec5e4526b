package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's routes answer with the seed's exact bytes, on the JSON store when it is there; each
 * test on a fresh store.
 */
class SeedRoutesTest {
  @TempDir Path dir;
  TestServer http;

  @BeforeEach
  void start() {
    http =
        TestServer.start(
            Map.of(
                "MEMKIT_STORE", TestServer.storeUri(dir, "json"), "MEMKIT_API_KEY", TestServer.KEY),
            TestServer.KEY);
  }

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void theReadmeSequenceGivesTheSeedsExactAnswers() {
    assertThat(http.post("/state/set", "{\"key\":\"current_phase\",\"value\":\"testing\"}").body())
        .isEqualTo("{\"ok\":true}");
    assertThat(http.get("/state/get?key=current_phase").body())
        .isEqualTo("{\"value\":\"testing\"}");
    assertThat(
            http.post("/memory/add", "{\"event\":\"Deployed v1.2\",\"tags\":[\"deploy\",\"v1.2\"]}")
                .body())
        .isEqualTo("{\"ok\":true}");
    assertThat(http.get("/memory/search?q=deploy&limit=5").body())
        .isEqualTo("[{\"id\":1,\"event\":\"Deployed v1.2\",\"tags\":\"deploy,v1.2\"}]");
    assertThat(http.post("/goals/add", "{\"goal\":\"Launch MVP\"}").body())
        .isEqualTo("{\"id\":1,\"goal\":\"Launch MVP\",\"status\":\"new\"}");
    assertThat(
            http.post(
                    "/goals/progress",
                    "{\"goal_id\":1,\"status\":\"in_progress\",\"note\":\"Wired authentication\"}")
                .body())
        .isEqualTo("{\"ok\":true}");
    TestServer.Reply context = http.get("/context/export?max_tokens=1500");
    assertThat(context.status()).isEqualTo(200);
    assertThat(context.contentType()).startsWith("application/json");
    assertThat(context.body())
        .isEqualTo(
            "{\"prompt_block\":\"# State:\\n- current_phase: testing\\n\\n# Goals:\\n"
                + "- [in_progress] (1) Launch MVP\\n\\n# Recent Memory:\\n- Deployed v1.2 (deploy,v1.2)\"}");
  }

  @Test
  void healthNeedsNoKeyAndVersionIsTheProjects() {
    TestServer.Reply health = http.as(null).get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body())
        .isEqualTo("{\"status\":\"ok\",\"search\":\"keyword\",\"embedder\":\"absent\"}");
    assertThat(http.get("/version").body())
        .isEqualTo("{\"version\":\"" + dev.memkit.core.Memkit.version() + "\"}");
    assertThat(http.as(null).get("/version").status()).isEqualTo(401);
  }

  @Test
  void aGoalIdInAStringIsReadAsTheSeedReadItButAFractionIsNot() {
    String id =
        http.post("/goals/add", "{\"goal\":\"Write docs\"}")
            .body()
            .replaceAll("^\\{\"id\":(\\d+),.*$", "$1");
    assertThat(
            http.post("/goals/progress", "{\"goal_id\":\"" + id + "\",\"note\":\"half way\"}")
                .body())
        .isEqualTo("{\"ok\":true}");
    assertThat(http.post("/goals/progress", "{\"goal_id\":1.5,\"note\":\"x\"}").status())
        .isEqualTo(400);
    assertThat(http.post("/goals/progress", "{\"goal_id\":99999,\"note\":\"x\"}").status())
        .isEqualTo(404);
  }

  @Test
  void anUnsetStateKeyReadsAsNull() {
    assertThat(http.get("/state/get?key=never_set").body()).isEqualTo("{\"value\":null}");
  }
}
