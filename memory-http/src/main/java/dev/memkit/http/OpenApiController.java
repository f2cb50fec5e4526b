package dev.memkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the OpenAPI document generated at build time, as {@code /openapi.json} and {@code
 * /openapi.yaml}, with {@code servers} set to {@code MEMKIT_PUBLIC_URL} (or the address the request
 * came to), and the Swagger UI at {@code /docs}, whose assets are in the jar. These routes need no
 * key, so a tool can import the document by its URL.
 */
@Controller
@Hidden
final class OpenApiController {
  private static final String SPEC = "META-INF/swagger/memkit.yml";
  private static final String VIEW = "META-INF/swagger/views/swagger-ui/";
  private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9_.-]{1,80}");
  private static final Map<String, String> TYPES =
      Map.of(
          "js",
          "application/javascript",
          "css",
          "text/css",
          "png",
          "image/png",
          "html",
          "text/html",
          "map",
          "application/json");

  private final ObjectMapper json = new ObjectMapper();
  private final ObjectMapper yaml =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());
  private final ServerSettings settings;
  private final ObjectNode document;

  OpenApiController(ServerRuntime runtime) {
    this.settings = runtime.settings();
    try (InputStream in = resource(SPEC)) {
      if (in == null) {
        throw new IllegalStateException(
            SPEC + " is missing from the jar: build with the OpenAPI annotation processor");
      }
      this.document = (ObjectNode) yaml.readTree(in);
      refine(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get(value = "/openapi.json", produces = MediaType.APPLICATION_JSON)
  HttpResponse<String> openApiJson(HttpRequest<?> request) throws IOException {
    return HttpResponse.ok(json.writeValueAsString(withServer(request)))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  @Get(value = "/openapi.yaml", produces = "application/yaml")
  HttpResponse<String> openApiYaml(HttpRequest<?> request) throws IOException {
    return HttpResponse.ok(yaml.writeValueAsString(withServer(request)))
        .contentType("application/yaml");
  }

  @Get(value = "/docs", produces = MediaType.TEXT_HTML)
  HttpResponse<byte[]> docs() throws IOException {
    return asset("index.html");
  }

  @Get("/docs/res/{name}")
  HttpResponse<byte[]> docsAsset(@PathVariable String name) throws IOException {
    if (!ASSET.matcher(name).matches() || name.startsWith(".")) {
      return HttpResponse.status(HttpStatus.NOT_FOUND);
    }
    return asset("res/" + name);
  }

  private HttpResponse<byte[]> asset(String name) throws IOException {
    try (InputStream in = resource(VIEW + name)) {
      if (in == null) {
        throw new dev.memkit.core.error.NotFoundException("/docs/" + name);
      }
      String ext = name.substring(name.lastIndexOf('.') + 1);
      return HttpResponse.ok(in.readAllBytes())
          .contentType(TYPES.getOrDefault(ext, "application/octet-stream"))
          .header("Cache-Control", "max-age=3600");
    }
  }

  private JsonNode withServer(HttpRequest<?> request) {
    ObjectNode copy = document.deepCopy();
    String url =
        settings
            .publicUrl()
            .orElseGet(
                () -> {
                  String host = request.getHeaders().get("Host");
                  return host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")
                      ? "http://localhost:" + ServerSettings.DEFAULT_PORT
                      : "http://" + host;
                });
    copy.putArray("servers").addObject().put("url", url);
    return copy;
  }

  /**
   * Adjusts what the generator cannot know from the code: {@code /health} and {@code /ready} need
   * no key; routes answer JSON objects (arrays for the seed search), not strings; and which
   * operations a CustomGPT should confirm with its user first ({@code x-openai-isConsequential}:
   * deletes, restores, imports) and which it may run freely (every other write).
   */
  static void refine(ObjectNode document) {
    JsonNode schemas = document.path("components").path("schemas");
    if (schemas instanceof ObjectNode all && all.has("JsonValue")) {
      // any JSON value: a schema without a type
      all.putObject("JsonValue")
          .put("description", "Any JSON value: object, array, string, number, boolean or null");
    }
    for (String open : new String[] {"/health", "/ready"}) {
      if (document.path("paths").path(open).path("get") instanceof ObjectNode op) {
        op.putArray("security");
      }
    }
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        entry -> {
                          if (!(entry.getValue() instanceof ObjectNode op)) {
                            return;
                          }
                          String method = entry.getKey();
                          String id = op.path("operationId").asText();
                          op.path("responses")
                              .forEach(
                                  response -> {
                                    JsonNode media =
                                        response.path("content").path("application/json");
                                    if (media instanceof ObjectNode json
                                        && "string"
                                            .equals(json.path("schema").path("type").asText())) {
                                      ObjectNode schema = json.putObject("schema");
                                      if (id.equals("seedMemorySearch")) {
                                        schema
                                            .put("type", "array")
                                            .putObject("items")
                                            .put("type", "object");
                                      } else {
                                        schema.put("type", "object");
                                      }
                                    }
                                  });
                          if (!method.equals("get")) {
                            boolean consequential =
                                method.equals("delete")
                                    || id.equals("restoreBackup")
                                    || id.equals("importData");
                            op.put("x-openai-isConsequential", consequential);
                          }
                        }));
  }

  private static InputStream resource(String name) {
    return OpenApiController.class.getClassLoader().getResourceAsStream(name);
  }
}
