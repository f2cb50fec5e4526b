package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served OpenAPI document is valid OpenAPI 3 and describes every route for a CustomGPT Action.
 */
class OpenApiDocumentTest {
  static final List<String> ROUTES =
      List.of(
          "POST /state/set",
          "GET /state/get",
          "POST /memory/add",
          "GET /memory/search",
          "POST /goals/add",
          "POST /goals/progress",
          "GET /context/export",
          "GET /health",
          "GET /version",
          "GET /v1/state",
          "GET /v1/state/{key}",
          "PUT /v1/state/{key}",
          "PATCH /v1/state/{key}",
          "DELETE /v1/state/{key}",
          "POST /v1/memories",
          "GET /v1/memories",
          "GET /v1/memories/search",
          "GET /v1/memories/{id}",
          "PATCH /v1/memories/{id}",
          "DELETE /v1/memories/{id}",
          "POST /v1/snapshots",
          "GET /v1/snapshots",
          "GET /v1/snapshots/latest",
          "GET /v1/profile",
          "PATCH /v1/profile",
          "GET /v1/working-memory",
          "PATCH /v1/working-memory",
          "POST /v1/goals",
          "GET /v1/goals",
          "GET /v1/goals/{id}",
          "PATCH /v1/goals/{id}",
          "DELETE /v1/goals/{id}",
          "POST /v1/goals/{id}/progress",
          "GET /v1/context",
          "GET /v1/audit",
          "POST /v1/backups",
          "GET /v1/backups",
          "POST /v1/backups/{id}/restore",
          "GET /v1/export",
          "POST /v1/import",
          "GET /v1/namespaces");

  @TempDir static Path dir;
  static TestServer http;

  @BeforeAll
  static void start() {
    http =
        TestServer.start(
            Map.of(
                "MEMKIT_STORE",
                "mem:",
                "MEMKIT_API_KEY",
                TestServer.KEY,
                "MEMKIT_PUBLIC_URL",
                "https://memkit.example.com/"),
            TestServer.KEY);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  static OpenAPI parse(String text) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI()).isNotNull();
    return result.getOpenAPI();
  }

  @Test
  void theJsonDocumentIsValidOpenApi3WithEveryRouteDescribed() {
    TestServer.Reply reply = http.as(null).get("/openapi.json");
    assertThat(reply.status()).isEqualTo(200);
    OpenAPI api = parse(reply.body());
    assertThat(api.getOpenapi()).startsWith("3.");
    assertThat(api.getServers()).hasSize(1);
    assertThat(api.getServers().get(0).getUrl()).isEqualTo("https://memkit.example.com");
    assertThat(api.getComponents().getSecuritySchemes().get("bearerAuth").getScheme())
        .isEqualTo("bearer");

    Set<String> found = new HashSet<>();
    Set<String> operationIds = new HashSet<>();
    List<String> problems = new ArrayList<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, op) -> {
                          String route = method + " " + path;
                          found.add(route);
                          if (op.getOperationId() == null
                              || !operationIds.add(op.getOperationId())) {
                            problems.add(route + ": no unique operationId");
                          }
                          if (op.getSummary() == null || op.getSummary().isBlank()) {
                            problems.add(route + ": no summary");
                          }
                          for (Parameter p : parameters(item, op)) {
                            if (p.getDescription() == null || p.getDescription().isBlank()) {
                              problems.add(route + ": parameter " + p.getName() + " undescribed");
                            }
                          }
                        }));
    assertThat(problems).isEmpty();
    assertThat(found).containsAll(ROUTES);
    assertThat(found).allMatch(r -> !r.contains("openapi") && !r.contains("/docs"));
    assertThat(api.getPaths().get("/health").getGet().getSecurity()).isEmpty();
  }

  @Test
  void aCustomGptConfirmsOnlyDestructiveCallsAndReadsJsonObjects() {
    OpenAPI api = parse(http.as(null).get("/openapi.json").body());
    assertThat(api.getPaths().get("/v1/memories").getPost().getExtensions())
        .containsEntry("x-openai-isConsequential", false);
    assertThat(api.getPaths().get("/v1/memories/{id}").getDelete().getExtensions())
        .containsEntry("x-openai-isConsequential", true);
    assertThat(api.getPaths().get("/v1/import").getPost().getExtensions())
        .containsEntry("x-openai-isConsequential", true);
    assertThat(
            api.getPaths()
                .get("/v1/memories/{id}")
                .getGet()
                .getResponses()
                .get("200")
                .getContent()
                .get("application/json")
                .getSchema()
                .get$ref())
        .isEqualTo("#/components/schemas/Memory");
    assertThat(
            api.getPaths()
                .get("/memory/search")
                .getGet()
                .getResponses()
                .get("200")
                .getContent()
                .get("application/json")
                .getSchema()
                .getType())
        .isEqualTo("array");
    var create = api.getComponents().getSchemas().get("MemoryCreate");
    assertThat(create.getProperties())
        .containsOnlyKeys("text", "tags", "kind", "metadata", "occurred_at", "key");
    assertThat(create.getRequired()).containsExactly("text");
    assertThat(api.getComponents().getSchemas().get("SeedGoalProgress").getProperties())
        .containsKey("goal_id");
    assertThat(api.getComponents().getSchemas().get("JsonValue").getType()).isNull();
    api.getPaths()
        .values()
        .forEach(
            item ->
                item.readOperations()
                    .forEach(op -> assertThat(op.getSummary().length()).isLessThan(300)));
  }

  @Test
  void theYamlDocumentAndTheSwaggerUiAreServedWithoutAKey() {
    TestServer.Reply yaml = http.as(null).get("/openapi.yaml");
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(parse(yaml.body()).getPaths()).containsKey("/v1/memories");
    TestServer.Reply docs = http.as(null).get("/docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body()).contains("swagger-ui").contains("/openapi.yaml");
    assertThat(http.as(null).get("/docs/res/swagger-ui-bundle.js").status()).isEqualTo(200);
    assertThat(http.as(null).get("/docs/res/..%2F..%2Fmemkit.yml").status()).isEqualTo(404);
  }

  private static List<Parameter> parameters(PathItem item, Operation op) {
    List<Parameter> all = new ArrayList<>();
    if (item.getParameters() != null) {
      all.addAll(item.getParameters());
    }
    if (op.getParameters() != null) {
      all.addAll(op.getParameters());
    }
    return all;
  }
}
