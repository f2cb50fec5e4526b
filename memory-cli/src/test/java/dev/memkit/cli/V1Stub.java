package dev.memkit.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.core.error.ConflictException;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.ContextBlock;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.DeleteState;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SetState;
import dev.memkit.jackson.JsonText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A STUB of the memkit server for tests: a JDK {@link HttpServer} on a random loopback port that
 * serves the {@code /v1} contract for the routes the command line's remote tests exercise (state,
 * memories add/search, goals add/progress, context), backed by the real core on an in-memory store,
 * with bearer-key checks and problem+json errors. It stands in for memory-http where that server's
 * jar is not built; it is not the server.
 *
 * <p>Every request is recorded, so tests can check what the command line sent. A request to {@code
 * /v1/state/fail-<status>} answers that status with a problem document.
 */
final class V1Stub implements AutoCloseable {
  /** One request as received. */
  record Request(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, String> headers,
      String body) {}

  private static final Pattern STATE = Pattern.compile("/v1/state/([^/]+)");
  private static final Pattern FAIL = Pattern.compile("/v1/state/fail-(\\d{3})");
  private static final Pattern PROGRESS = Pattern.compile("/v1/goals/(\\d+)/progress");

  private final HttpServer server;
  private final Memkit memkit = Memkit.open("mem:stub");
  private final String key;
  final List<Request> requests = new CopyOnWriteArrayList<>();

  V1Stub(String key) throws IOException {
    this.key = key;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  Request last() {
    return requests.get(requests.size() - 1);
  }

  @Override
  public void close() {
    server.stop(0);
    memkit.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      requests.add(new Request(method, path, query, headers, body));
      if (!("Bearer " + key).equals(headers.get("authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        problem(exchange, 401, "Unauthorized", "missing or wrong API key", List.of());
        return;
      }
      Namespace ns = Namespace.of(first(query, "namespace").orElse("default"));
      Space space = memkit.space(ns, Actor.of("key:test"));
      try {
        route(exchange, method, path, query, body, headers, space);
      } catch (ValidationException e) {
        problem(
            exchange,
            400,
            "Bad Request",
            e.getMessage(),
            List.of(Map.of("field", e.field(), "rule", e.rule())));
      } catch (NotFoundException e) {
        problem(exchange, 404, "Not Found", e.getMessage(), List.of());
      } catch (ConflictException e) {
        problem(exchange, 409, "Conflict", e.getMessage(), List.of());
      }
    }
  }

  private void route(
      HttpExchange ex,
      String method,
      String path,
      Map<String, List<String>> query,
      String body,
      Map<String, String> headers,
      Space space)
      throws IOException {
    Matcher fail = FAIL.matcher(path);
    Matcher state = STATE.matcher(path);
    Matcher progress = PROGRESS.matcher(path);
    if (fail.matches()) {
      int status = Integer.parseInt(fail.group(1));
      problem(ex, status, "Failure", "injected failure " + status, List.of());
    } else if (path.equals("/v1/state") && method.equals("GET")) {
      List<JsonValue> items = new ArrayList<>();
      space
          .state()
          .list(first(query, "prefix").orElse(""))
          .forEach(e -> items.add(RecordJson.state(e)));
      json(ex, 200, JsonValue.objectBuilder().put("items", JsonValue.array(items)).build());
    } else if (state.matches()) {
      StateKey k = StateKey.of(state.group(1));
      OptionalLong expected =
          Optional.ofNullable(headers.get("if-match"))
              .map(v -> OptionalLong.of(Long.parseLong(v.replace("\"", ""))))
              .orElse(OptionalLong.empty());
      switch (method) {
        case "GET" ->
            json(
                ex,
                200,
                RecordJson.state(
                    space
                        .state()
                        .get(k)
                        .orElseThrow(() -> new NotFoundException("state key '" + k + "'"))));
        case "PUT" -> {
          JsonObject request = (JsonObject) JsonText.parse(body, "body");
          JsonValue value =
              request
                  .get("value")
                  .orElseThrow(() -> new ValidationException("value", "is required"));
          json(ex, 200, RecordJson.state(space.state().set(new SetState(k, value, expected))));
        }
        case "PATCH" ->
            json(
                ex,
                200,
                RecordJson.state(
                    space
                        .state()
                        .mergePatch(new PatchState(k, JsonText.parse(body, "body"), expected))));
        case "DELETE" -> {
          space.state().delete(new DeleteState(k, expected));
          ex.sendResponseHeaders(204, -1);
        }
        default -> problem(ex, 405, "Method Not Allowed", method, List.of());
      }
    } else if (path.equals("/v1/memories") && method.equals("POST")) {
      RecordJson.Fields f = RecordJson.Fields.of(JsonText.parse(body, "body"), "");
      AddMemory add =
          AddMemory.of(f.string("text"))
              .withTags(
                  f.optional("tags").isPresent()
                      ? f.array("tags").stream().map(t -> Tag.of(Printer.bare(t))).toList()
                      : List.of());
      var added = space.memories().add(add);
      json(ex, added.created() ? 201 : 200, RecordJson.memory(added.memory()));
    } else if (path.equals("/v1/memories/search")) {
      int limit = first(query, "limit").map(Integer::parseInt).orElse(10);
      List<JsonValue> items = new ArrayList<>();
      space
          .memories()
          .search(new SearchMemories(first(query, "q").orElse(""), MemoryFilter.ALL, limit))
          .forEach(h -> items.add(RecordJson.hit(h)));
      json(ex, 200, JsonValue.objectBuilder().put("items", JsonValue.array(items)).build());
    } else if (path.equals("/v1/goals") && method.equals("POST")) {
      RecordJson.Fields f = RecordJson.Fields.of(JsonText.parse(body, "body"), "");
      json(ex, 201, RecordJson.goal(space.goals().add(AddGoal.of(f.string("title")))));
    } else if (progress.matches()) {
      RecordJson.Fields f = RecordJson.Fields.of(JsonText.parse(body, "body"), "");
      json(
          ex,
          200,
          RecordJson.goal(
              space
                  .goals()
                  .progress(
                      new RecordProgress(
                          GoalId.of(Long.parseLong(progress.group(1))),
                          f.optionalString("status").map(s -> GoalStatus.parse(s, "status")),
                          f.optionalString("note")))));
    } else if (path.equals("/v1/context")) {
      int max =
          Integer.parseInt(
              first(query, "max_tokens")
                  .orElseThrow(() -> new ValidationException("max_tokens", "is required")));
      ContextBlock block =
          space
              .context()
              .export(ContextRequest.maxTokens(max).withQuery(first(query, "query").orElse(null)));
      json(
          ex,
          200,
          JsonValue.objectBuilder()
              .put("prompt_block", block.text())
              .put("tokens", block.tokens())
              .put("max_tokens", block.maxTokens())
              .put("tokenizer", block.tokenizer())
              .put("included", block.included())
              .put("omitted", block.omitted())
              .build());
    } else {
      problem(ex, 404, "Not Found", "no route " + method + " " + path, List.of());
    }
  }

  private static Optional<String> first(Map<String, List<String>> query, String name) {
    return Optional.ofNullable(query.get(name)).map(v -> v.get(0));
  }

  private static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static void json(HttpExchange ex, int status, JsonValue body) throws IOException {
    send(ex, status, "application/json", JsonText.write(body));
  }

  private static void problem(
      HttpExchange ex, int status, String title, String detail, List<Map<String, String>> errors)
      throws IOException {
    List<JsonValue> list = new ArrayList<>();
    errors.forEach(
        e ->
            list.add(
                JsonValue.object(
                    Map.of(
                        "field",
                        JsonValue.of(e.get("field")),
                        "rule",
                        JsonValue.of(e.get("rule"))))));
    JsonObject body =
        JsonValue.objectBuilder()
            .put("type", "about:blank")
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .put("errors", JsonValue.array(list))
            .build();
    send(ex, status, "application/problem+json", JsonText.write(body));
  }

  private static void send(HttpExchange ex, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }
}
