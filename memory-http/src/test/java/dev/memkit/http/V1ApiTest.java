package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every /v1 route against the real server and store; each test uses its own namespace. */
class V1ApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static TestServer http;

  @BeforeAll
  static void start() {
    http = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  static JsonNode json(TestServer.Reply reply) {
    try {
      return JSON.readTree(reply.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + reply.body(), e);
    }
  }

  @Test
  void stateCanBeSetReadPatchedListedAndDeletedWithVersions() {
    String ns = "?namespace=state-test";
    TestServer.Reply put =
        http.put("/v1/state/config" + ns, "{\"value\":{\"a\":1,\"b\":{\"c\":2}}}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.header("ETag")).isEqualTo("\"1\"");
    assertThat(json(put).get("value").toString()).isEqualTo("{\"a\":1,\"b\":{\"c\":2}}");
    assertThat(json(put).get("namespace").asText()).isEqualTo("state-test");

    TestServer.Reply got = http.get("/v1/state/config" + ns);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.header("ETag")).isEqualTo("\"1\"");
    assertThat(json(got).get("updated_at").asText()).endsWith("Z");

    TestServer.Reply patched =
        http.send(
            "PATCH",
            "/v1/state/config" + ns,
            "{\"b\":{\"c\":null,\"d\":3}}",
            "application/merge-patch+json",
            "If-Match",
            "\"1\"");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(json(patched).get("value").toString()).isEqualTo("{\"a\":1,\"b\":{\"d\":3}}");
    assertThat(patched.header("ETag")).isEqualTo("\"2\"");

    TestServer.Reply stale =
        http.send(
            "PUT",
            "/v1/state/config" + ns,
            "{\"value\":1}",
            "application/json",
            "If-Match",
            "\"1\"");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.contentType()).startsWith("application/problem+json");

    TestServer.Reply created =
        http.send(
            "PUT",
            "/v1/state/fresh" + ns,
            "{\"value\":\"x\"}",
            "application/json",
            "If-Match",
            "\"0\"");
    assertThat(created.status()).isEqualTo(200);
    assertThat(
            http.send(
                    "PUT",
                    "/v1/state/fresh" + ns,
                    "{\"value\":\"y\"}",
                    "application/json",
                    "If-Match",
                    "\"0\"")
                .status())
        .isEqualTo(409);

    JsonNode list = json(http.get("/v1/state" + ns + "&prefix=con"));
    assertThat(list.get("items")).hasSize(1);
    assertThat(list.get("items").get(0).get("key").asText()).isEqualTo("config");
    assertThat(json(http.get("/v1/state" + ns)).get("items")).hasSize(2);

    assertThat(http.delete("/v1/state/config" + ns).status()).isEqualTo(204);
    assertThat(http.get("/v1/state/config" + ns).status()).isEqualTo(404);
    assertThat(http.delete("/v1/state/config" + ns).status()).isEqualTo(404);
  }

  @Test
  void memoriesCanBeAddedListedSearchedUpdatedAndDeleted() {
    String ns = "?namespace=memory-test";
    TestServer.Reply added =
        http.post(
            "/v1/memories" + ns,
            "{\"text\":\"Deployed v1.2 to production\",\"tags\":[\"deploy\",\"v1.2\"],\"kind\":\"event\","
                + "\"metadata\":{\"by\":\"ci\"},\"occurred_at\":\"2026-11-20T10:00:00Z\",\"key\":\"deploy-1\"}");
    assertThat(added.status()).isEqualTo(201);
    JsonNode memory = json(added);
    long id = memory.get("id").asLong();
    assertThat(memory.get("kind").asText()).isEqualTo("event");
    assertThat(memory.get("occurred_at").asText()).isEqualTo("2026-11-20T10:00:00Z");
    assertThat(memory.get("metadata").get("by").asText()).isEqualTo("ci");

    TestServer.Reply again =
        http.post("/v1/memories" + ns, "{\"text\":\"Deployed v1.2 again\",\"key\":\"deploy-1\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(json(again).get("id").asLong()).isEqualTo(id);

    http.post("/v1/memories" + ns, "{\"text\":\"Lunch with the team\",\"tags\":[\"social\"]}");
    http.post("/v1/memories" + ns, "{\"text\":\"Rolled back the deploy\",\"tags\":[\"deploy\"]}");

    JsonNode page = json(http.get("/v1/memories" + ns + "&limit=2"));
    assertThat(page.get("items")).hasSize(2);
    assertThat(page.get("items").get(0).get("text").asText()).isEqualTo("Rolled back the deploy");
    String cursor = page.get("next_cursor").asText();
    JsonNode rest = json(http.get("/v1/memories" + ns + "&limit=2&cursor=" + cursor));
    assertThat(rest.get("items")).hasSize(1);
    assertThat(rest.get("next_cursor").isNull()).isTrue();
    assertThat(json(http.get("/v1/memories" + ns + "&tag=deploy&tag=v1.2")).get("items"))
        .hasSize(1);
    assertThat(json(http.get("/v1/memories" + ns + "&kind=event")).get("items")).hasSize(1);
    assertThat(json(http.get("/v1/memories" + ns + "&from=2026-11-21")).get("items")).hasSize(2);

    JsonNode hits =
        json(http.get("/v1/memories/search" + ns + "&q=When%20did%20we%20deploy%20v1.2%3F"));
    assertThat(hits.get("items").get(0).get("id").asLong()).isEqualTo(id);
    assertThat(hits.get("items").get(0).has("score")).isTrue();
    assertThat(hits.get("items").get(0).get("matched_terms").asInt()).isGreaterThan(0);

    TestServer.Reply updated =
        http.patch(
            "/v1/memories/" + id + ns, "{\"text\":\"Deployed v1.2.1\",\"tags\":[\"deploy\"]}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(json(updated).get("text").asText()).isEqualTo("Deployed v1.2.1");
    assertThat(json(http.get("/v1/memories/" + id + ns)).get("tags").toString())
        .isEqualTo("[\"deploy\"]");

    assertThat(http.delete("/v1/memories/" + id + ns).status()).isEqualTo(204);
    assertThat(http.get("/v1/memories/" + id + ns).status()).isEqualTo(404);
    assertThat(http.patch("/v1/memories/" + id + ns, "{\"text\":\"x\"}").status()).isEqualTo(404);
  }

  @Test
  void snapshotsAreSavedListedAndTheLatestFound() {
    String ns = "?namespace=snapshot-test";
    assertThat(http.get("/v1/snapshots/latest" + ns).status()).isEqualTo(404);
    TestServer.Reply first =
        http.post(
            "/v1/snapshots" + ns,
            "{\"summary\":\"Planned the launch\",\"data\":{\"next\":\"ship\"}}");
    assertThat(first.status()).isEqualTo(201);
    assertThat(json(first).get("kind").asText()).isEqualTo("snapshot");
    http.post("/v1/snapshots" + ns, "{\"summary\":\"Shipped it\",\"tags\":[\"launch\"]}");
    assertThat(json(http.get("/v1/snapshots/latest" + ns)).get("text").asText())
        .isEqualTo("Shipped it");
    assertThat(json(http.get("/v1/snapshots" + ns)).get("items")).hasSize(2);
  }

  @Test
  void profileAndWorkingMemoryAreMergePatchedDocuments() {
    String ns = "?namespace=doc-test";
    assertThat(http.get("/v1/profile" + ns).status()).isEqualTo(404);
    TestServer.Reply profile =
        http.send(
            "PATCH",
            "/v1/profile" + ns,
            "{\"name\":\"Ada\",\"tz\":\"UTC\"}",
            "application/merge-patch+json");
    assertThat(profile.status()).isEqualTo(200);
    http.patch("/v1/profile" + ns, "{\"tz\":null}");
    assertThat(json(http.get("/v1/profile" + ns)).get("value").toString())
        .isEqualTo("{\"name\":\"Ada\"}");

    assertThat(http.get("/v1/working-memory" + ns).status()).isEqualTo(404);
    TestServer.Reply wm = http.patch("/v1/working-memory" + ns, "{\"task\":\"write docs\"}");
    assertThat(wm.status()).isEqualTo(200);
    assertThat(json(wm).get("key").asText()).isEqualTo("working_memory");
    assertThat(
            http.send(
                    "PATCH",
                    "/v1/working-memory" + ns,
                    "{\"task\":\"x\"}",
                    "application/json",
                    "If-Match",
                    "\"7\"")
                .status())
        .isEqualTo(409);
    assertThat(http.patch("/v1/working-memory" + ns, "[1,2]").status()).isEqualTo(400);
  }

  @Test
  void goalsHaveCrudAndProgress() {
    String ns = "?namespace=goal-test";
    TestServer.Reply added =
        http.post(
            "/v1/goals" + ns, "{\"title\":\"Launch MVP\",\"due_at\":\"2026-12-01T00:00:00Z\"}");
    assertThat(added.status()).isEqualTo(201);
    long id = json(added).get("id").asLong();
    assertThat(json(added).get("status").asText()).isEqualTo("new");

    TestServer.Reply progressed =
        http.post(
            "/v1/goals/" + id + "/progress" + ns,
            "{\"status\":\"in_progress\",\"note\":\"Started\"}");
    assertThat(progressed.status()).isEqualTo(200);
    assertThat(json(progressed).get("progress").get(0).get("to").asText()).isEqualTo("in_progress");
    assertThat(http.post("/v1/goals/" + id + "/progress" + ns, "{}").status()).isEqualTo(400);

    long other = json(http.post("/v1/goals" + ns, "{\"title\":\"Write docs\"}")).get("id").asLong();
    http.patch("/v1/goals/" + other + ns, "{\"status\":\"done\"}");
    assertThat(json(http.get("/v1/goals" + ns + "&active=true")).get("items")).hasSize(1);
    assertThat(json(http.get("/v1/goals" + ns + "&status=done,new")).get("items")).hasSize(1);
    assertThat(json(http.get("/v1/goals" + ns)).get("items")).hasSize(2);

    TestServer.Reply cleared =
        http.patch("/v1/goals/" + id + ns, "{\"due_at\":null,\"title\":\"Launch the MVP\"}");
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(json(cleared).get("due_at").isNull()).isTrue();
    assertThat(json(http.get("/v1/goals/" + id + ns)).get("title").asText())
        .isEqualTo("Launch the MVP");

    assertThat(http.delete("/v1/goals/" + id + ns).status()).isEqualTo(204);
    assertThat(http.get("/v1/goals/" + id + ns).status()).isEqualTo(404);
  }

  @Test
  void contextIsJsonWithCountsOrPlainText() {
    String ns = "?namespace=context-test";
    http.put("/v1/state/current_phase" + ns, "{\"value\":\"testing\"}");
    http.post("/v1/memories" + ns, "{\"text\":\"Deployed v1.2\",\"tags\":[\"deploy\",\"v1.2\"]}");
    JsonNode block = json(http.get("/v1/context" + ns + "&max_tokens=200&query=deploy"));
    assertThat(block.get("prompt_block").asText())
        .contains("# State:\n- current_phase: testing")
        .contains("# Relevant Memory:");
    assertThat(block.get("tokens").asInt()).isPositive().isLessThanOrEqualTo(200);
    assertThat(block.get("max_tokens").asInt()).isEqualTo(200);
    assertThat(block.get("tokenizer").asText()).isEqualTo("o200k_base");
    assertThat(block.has("included")).isTrue();
    assertThat(block.has("omitted")).isTrue();

    TestServer.Reply text =
        http.get("/v1/context" + ns + "&max_tokens=200&format=text&sections=state");
    assertThat(text.status()).isEqualTo(200);
    assertThat(text.contentType()).startsWith("text/plain");
    assertThat(text.body()).isEqualTo("# State:\n- current_phase: testing");
    assertThat(http.get("/v1/context" + ns).status()).isEqualTo(400);
  }

  @Test
  void auditListsChangesByTargetWithACursor() {
    String ns = "?namespace=audit-test";
    http.put("/v1/state/a" + ns, "{\"value\":1}");
    http.put("/v1/state/a" + ns, "{\"value\":2}");
    http.put("/v1/state/b" + ns, "{\"value\":3}");
    JsonNode all = json(http.get("/v1/audit" + ns));
    assertThat(all.get("items")).hasSize(3);
    assertThat(all.get("items").get(0).get("actor").asText()).isEqualTo("key:default");
    JsonNode a = json(http.get("/v1/audit" + ns + "&target=state:a&limit=1"));
    assertThat(a.get("items")).hasSize(1);
    assertThat(a.get("items").get(0).get("after").get("value").asInt()).isEqualTo(2);
    String cursor = a.get("next_cursor").asText();
    JsonNode older = json(http.get("/v1/audit" + ns + "&target=state:a&limit=1&before=" + cursor));
    assertThat(older.get("items").get(0).get("after").get("value").asInt()).isEqualTo(1);
    assertThat(older.get("next_cursor").isNull())
        .as("an exactly full last page has no cursor")
        .isTrue();
    assertThat(json(http.get("/v1/audit" + ns + "&limit=3")).get("next_cursor").isNull()).isTrue();
    assertThat(json(http.get("/v1/audit" + ns + "&limit=2")).get("next_cursor").asText())
        .isNotEmpty();
  }

  @Test
  void backupsAreCreatedListedAndRestored() {
    String ns = "?namespace=backup-test";
    http.put("/v1/state/k" + ns, "{\"value\":\"before\"}");
    TestServer.Reply backup = http.post("/v1/backups", null);
    assertThat(backup.status()).isEqualTo(201);
    String id = json(backup).get("id").asText();
    http.put("/v1/state/k" + ns, "{\"value\":\"after\"}");
    assertThat(json(http.get("/v1/backups")).get("items").toString()).contains(id);
    TestServer.Reply restored = http.post("/v1/backups/" + id + "/restore", null);
    assertThat(restored.status()).isEqualTo(200);
    assertThat(json(restored).get("restored").asText()).isEqualTo(id);
    assertThat(json(restored).get("safety_backup").get("id").asText()).isNotEmpty();
    assertThat(json(http.get("/v1/state/k" + ns)).get("value").asText()).isEqualTo("before");
    ErrorsTest.problem(http.post("/v1/backups/no-such-backup/restore", null), 404);
  }

  @Test
  void exportAndImportMoveANamespace() {
    http.put("/v1/state/k?namespace=export-src", "{\"value\":\"v\"}");
    http.post("/v1/memories?namespace=export-src", "{\"text\":\"remember me\"}");
    http.post("/v1/goals?namespace=export-src", "{\"title\":\"a goal\"}");
    TestServer.Reply export = http.get("/v1/export?namespace=export-src");
    assertThat(export.status()).isEqualTo(200);
    JsonNode doc = json(export);
    assertThat(doc.get("format").asText()).isEqualTo("memkit-export");

    TestServer.Reply imported = http.post("/v1/import?mode=replace", export.body());
    assertThat(imported.status()).isEqualTo(200);
    assertThat(imported.body())
        .isEqualTo("{\"namespaces\":[\"export-src\"],\"state\":1,\"memories\":1,\"goals\":1}");
    assertThat(http.post("/v1/import?mode=sideways", export.body()).status()).isEqualTo(400);
    assertThat(http.post("/v1/import", "{\"format\":\"other\"}").status()).isEqualTo(400);
    assertThat(json(http.get("/v1/namespaces")).get("items").toString())
        .contains("\"export-src\"")
        .contains("\"default\"");
  }
}
