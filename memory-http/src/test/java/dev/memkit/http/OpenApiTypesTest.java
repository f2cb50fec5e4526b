package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document types every answer: each 2xx body has a named schema, the seed routes carry
 * examples, descriptions fit ChatGPT Actions' limits, and real answers have exactly the members
 * their schema names.
 */
class OpenApiTypesTest {
  static final int OPERATION_TEXT_MAX = 300;
  static final int PARAMETER_TEXT_MAX = 700;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static TestServer http;
  static JsonNode api;

  @BeforeAll
  static void start() throws Exception {
    http = TestServer.start(dir);
    api = JSON.readTree(http.as(null).get("/openapi.json").body());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  private static List<Map.Entry<String, JsonNode>> operations() {
    List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
    api.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          if (op.getValue().has("responses")) {
                            all.add(
                                Map.entry(
                                    op.getKey().toUpperCase() + " " + path.getKey(),
                                    op.getValue()));
                          }
                        }));
    return all;
  }

  @Test
  void every2xxBodyOfEveryOperationHasANamedSchema() {
    List<String> untyped = new ArrayList<>();
    int typed = 0;
    for (Map.Entry<String, JsonNode> op : operations()) {
      Iterator<Map.Entry<String, JsonNode>> responses = op.getValue().path("responses").fields();
      while (responses.hasNext()) {
        Map.Entry<String, JsonNode> response = responses.next();
        if (!response.getKey().startsWith("2")) {
          continue;
        }
        JsonNode content = response.getValue().path("content");
        if (response.getKey().equals("204")) {
          assertThat(content.isMissingNode()).as(op.getKey() + " 204 has no body").isTrue();
          continue;
        }
        JsonNode schema = content.path("application/json").path("schema");
        String ref =
            schema.has("$ref")
                ? schema.get("$ref").asText()
                : schema.path("items").path("$ref").asText(null);
        if (ref == null || !ref.startsWith("#/components/schemas/")) {
          untyped.add(op.getKey() + " " + response.getKey() + ": " + content);
          continue;
        }
        assertThat(
                api.path("components").path("schemas").has(ref.substring(ref.lastIndexOf('/') + 1)))
            .as(ref)
            .isTrue();
        typed++;
      }
    }
    assertThat(untyped).isEmpty();
    assertThat(typed)
        .isGreaterThanOrEqualTo(OpenApiDocumentTest.ROUTES.size() - 3); // all but the three deletes
  }

  @Test
  void descriptionsFitChatGptActionsLimits() {
    List<String> tooLong = new ArrayList<>();
    for (Map.Entry<String, JsonNode> op : operations()) {
      for (String field : List.of("summary", "description")) {
        if (op.getValue().path(field).asText("").length() > OPERATION_TEXT_MAX) {
          tooLong.add(op.getKey() + " " + field);
        }
      }
      for (JsonNode parameter : op.getValue().path("parameters")) {
        if (parameter.path("description").asText("").length() > PARAMETER_TEXT_MAX) {
          tooLong.add(op.getKey() + " parameter " + parameter.path("name").asText());
        }
      }
    }
    assertThat(tooLong).isEmpty();
  }

  @Test
  void theSeedRoutesCarryExamples() {
    JsonNode schemas = api.path("components").path("schemas");
    assertThat(schemas.path("Ok").path("properties").path("ok").path("example").asBoolean())
        .isTrue();
    assertThat(
            schemas
                .path("SeedStateValue")
                .path("properties")
                .path("value")
                .path("example")
                .asText())
        .isEqualTo("testing");
    assertThat(
            schemas.path("SeedSearchHit").path("properties").path("tags").path("example").asText())
        .isEqualTo("deploy,v1.2");
    assertThat(schemas.path("SeedGoal").path("properties").path("status").path("example").asText())
        .isEqualTo("new");
    assertThat(
            schemas
                .path("SeedContext")
                .path("properties")
                .path("prompt_block")
                .path("example")
                .asText())
        .startsWith("# State:");
    JsonNode search =
        api.path("paths")
            .path("/memory/search")
            .path("get")
            .path("responses")
            .path("200")
            .path("content")
            .path("application/json")
            .path("schema");
    assertThat(search.path("type").asText()).isEqualTo("array");
    assertThat(search.path("items").path("$ref").asText())
        .isEqualTo("#/components/schemas/SeedSearchHit");
  }

  /**
   * The properties of the schema {@code name}, those of the schemas it is {@code allOf} included.
   */
  static Map<String, JsonNode> properties(String name) {
    JsonNode schema = api.path("components").path("schemas").path(name);
    Map<String, JsonNode> all = new java.util.LinkedHashMap<>();
    schema.path("properties").fields().forEachRemaining(p -> all.put(p.getKey(), p.getValue()));
    for (JsonNode part : schema.path("allOf")) {
      String ref = part.path("$ref").asText(null);
      if (ref != null) {
        all.putAll(properties(ref.substring(ref.lastIndexOf('/') + 1)));
      }
      part.path("properties").fields().forEachRemaining(p -> all.put(p.getKey(), p.getValue()));
    }
    return all;
  }

  /**
   * {@code body} has exactly the members of the schema {@code name}, and so do its nested typed
   * values.
   */
  static void matches(JsonNode body, String name) {
    Map<String, JsonNode> properties = properties(name);
    assertThat(properties).as("schema " + name).isNotEmpty();
    Set<String> actual = new HashSet<>();
    body.fieldNames().forEachRemaining(actual::add);
    assertThat(actual).as(name + " members of " + body).isEqualTo(properties.keySet());
    properties
        .entrySet()
        .forEach(
            p -> {
              JsonNode value = body.get(p.getKey());
              String ref = p.getValue().path("$ref").asText(null);
              String itemRef = p.getValue().path("items").path("$ref").asText(null);
              if (ref != null && !ref.endsWith("/JsonValue") && value.isObject()) {
                matches(value, ref.substring(ref.lastIndexOf('/') + 1));
              }
              if (itemRef != null && !itemRef.endsWith("/JsonValue") && value.isArray()) {
                value.forEach(
                    item -> matches(item, itemRef.substring(itemRef.lastIndexOf('/') + 1)));
              }
            });
  }

  private static JsonNode json(TestServer.Reply reply) throws Exception {
    assertThat(reply.status()).as(reply.body()).isBetween(200, 299);
    return JSON.readTree(reply.body());
  }

  @Test
  void realAnswersHaveExactlyTheMembersTheirSchemasName() throws Exception {
    matches(
        json(http.post("/state/set", "{\"key\":\"current_phase\",\"value\":\"testing\"}")), "Ok");
    matches(json(http.get("/state/get?key=current_phase")), "SeedStateValue");
    matches(
        json(
            http.post(
                "/memory/add", "{\"event\":\"Deployed v1.2\",\"tags\":[\"deploy\",\"v1.2\"]}")),
        "Ok");
    json(http.get("/memory/search?q=deploy")).forEach(hit -> matches(hit, "SeedSearchHit"));
    matches(json(http.post("/goals/add", "{\"goal\":\"Launch MVP\"}")), "SeedGoal");
    matches(
        json(
            http.post(
                "/goals/progress",
                "{\"goal_id\":1,\"status\":\"in_progress\",\"note\":\"Wired\"}")),
        "Ok");
    matches(json(http.get("/context/export?max_tokens=1500")), "SeedContext");
    matches(json(http.as(null).get("/health")), "Health");
    matches(json(http.get("/version")), "Version");

    matches(json(http.get("/v1/state")), "StateEntryList");
    matches(json(http.get("/v1/state/current_phase")), "StateEntry");
    matches(json(http.patch("/v1/profile", "{\"name\":\"Ada\"}")), "StateEntry");
    matches(
        json(
            http.post(
                "/v1/memories",
                "{\"text\":\"Shipped the importer\",\"tags\":[\"release\"],\"occurred_at\":\"2026-11-20T10:00:00Z\"}")),
        "Memory");
    matches(json(http.get("/v1/memories?limit=1")), "MemoryPage");
    matches(json(http.get("/v1/memories/search?q=importer")), "SearchHitList");
    matches(json(http.post("/v1/snapshots", "{\"summary\":\"End of session\"}")), "Memory");
    matches(json(http.get("/v1/goals")), "GoalList");
    matches(json(http.get("/v1/goals/1")), "Goal");
    matches(json(http.get("/v1/context?max_tokens=500")), "Context");
    matches(json(http.get("/v1/audit?limit=2")), "AuditPage");
    matches(json(http.post("/v1/backups", "{}")), "Backup");
    JsonNode backups = json(http.get("/v1/backups"));
    matches(backups, "BackupList");
    matches(
        json(
            http.post(
                "/v1/backups/" + backups.path("items").get(0).path("id").asText() + "/restore",
                "")),
        "RestoreResult");
    JsonNode export = json(http.get("/v1/export"));
    matches(export, "ExportDocument");
    matches(json(http.post("/v1/import?mode=merge", export.toString())), "ImportResult");
    matches(json(http.get("/v1/namespaces")), "NamespaceList");
  }
}
