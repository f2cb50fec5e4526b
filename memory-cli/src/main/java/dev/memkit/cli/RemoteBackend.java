package dev.memkit.cli;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.ContextSection;
import dev.memkit.core.port.in.DeleteState;
import dev.memkit.core.port.in.ImportDocument;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.core.port.in.ListGoals;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.ListSnapshots;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.ReindexListener;
import dev.memkit.core.port.in.SaveSnapshot;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SetState;
import dev.memkit.core.port.in.UpdateGoal;
import dev.memkit.core.port.in.UpdateMemory;
import dev.memkit.jackson.JsonText;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The backend of a remote server: each call is one request to its {@code /v1} API with the JDK HTTP
 * client, bodies and answers in the records' JSON form. Error answers ({@code
 * application/problem+json}) become a {@link RemoteFailure} with the status's exit code and the
 * problem's detail as the message.
 */
final class RemoteBackend implements Backend {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  private final String baseUrl;
  private final Optional<String> apiKey;
  private final Optional<String> namespace;
  private HttpClient client;

  /**
   * @param baseUrl the server, e.g. {@code http://localhost:8080} (a trailing slash is ignored)
   * @param apiKey sent as {@code Authorization: Bearer …} when present
   * @param namespace sent as {@code ?namespace=} when present; otherwise the key's default applies
   */
  RemoteBackend(String baseUrl, Optional<String> apiKey, Optional<String> namespace) {
    URI parsed;
    try {
      parsed = URI.create(baseUrl.strip());
    } catch (IllegalArgumentException e) {
      throw new ValidationException("url", "must be an http:// or https:// URL: '" + baseUrl + "'");
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
      throw new ValidationException("url", "must be an http:// or https:// URL: '" + baseUrl + "'");
    }
    String url = parsed.toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.apiKey = apiKey.filter(k -> !k.isBlank());
    this.namespace = namespace;
  }

  /**
   * The server's MCP endpoint, with the namespace as a parameter when one was chosen, for {@code
   * memkit mcp} to relay to.
   */
  URI mcpEndpoint() {
    return URI.create(baseUrl + "/mcp" + namespace.map(ns -> "?namespace=" + ns).orElse(""));
  }

  /** The API key sent, if any. */
  Optional<String> apiKey() {
    return apiKey;
  }

  // ---------------------------------------------------------------- state

  @Override
  public JsonObject stateGet(StateKey key) {
    return object(send("GET", "/v1/state/" + key.value(), query(), null, null));
  }

  @Override
  public JsonObject stateSet(SetState command) {
    JsonObject body = JsonValue.objectBuilder().put("value", command.value()).build();
    return object(
        send(
            "PUT",
            "/v1/state/" + command.key().value(),
            query(),
            body,
            ifMatch(command.expectedVersion())));
  }

  @Override
  public JsonObject statePatch(PatchState command) {
    return object(
        send(
            "PATCH",
            "/v1/state/" + command.key().value(),
            query(),
            command.patch(),
            ifMatch(command.expectedVersion())));
  }

  @Override
  public void stateDelete(DeleteState command) {
    send(
        "DELETE",
        "/v1/state/" + command.key().value(),
        query(),
        null,
        ifMatch(command.expectedVersion()));
  }

  @Override
  public List<JsonObject> stateList(String prefix) {
    Query q = query();
    if (!prefix.isEmpty()) {
      q.add("prefix", prefix);
    }
    return items(send("GET", "/v1/state", q, null, null));
  }

  // ---------------------------------------------------------------- memories

  @Override
  public List<Added> memoryAddAll(List<AddMemory> commands) {
    List<Added> results = new ArrayList<>(commands.size());
    for (AddMemory command : commands) {
      results.add(memoryAdd(command));
    }
    return results;
  }

  @Override
  public Added memoryAdd(AddMemory command) {
    JsonValue.ObjectBuilder body =
        JsonValue.objectBuilder()
            .put("text", command.text())
            .putStrings("tags", command.tags().stream().map(Tag::value).toList())
            .put("kind", command.kind().value())
            .put("metadata", command.metadata());
    command.occurredAt().ifPresent(t -> body.put("occurred_at", RecordJson.time(t)));
    command.key().ifPresent(k -> body.put("key", k.value()));
    Response response = send("POST", "/v1/memories", query(), body.build(), null);
    return new Added(object(response), response.status() == 201);
  }

  @Override
  public JsonObject memoryGet(MemoryId id) {
    return object(send("GET", "/v1/memories/" + id.value(), query(), null, null));
  }

  @Override
  public JsonObject memoryUpdate(MemoryId id, UpdateMemory changes) {
    JsonValue.ObjectBuilder body = JsonValue.objectBuilder();
    changes.text().ifPresent(t -> body.put("text", t));
    changes
        .tags()
        .ifPresent(tags -> body.putStrings("tags", tags.stream().map(Tag::value).toList()));
    changes.kind().ifPresent(k -> body.put("kind", k.value()));
    changes.metadata().ifPresent(m -> body.put("metadata", m));
    changes.occurredAt().ifPresent(t -> body.put("occurred_at", RecordJson.time(t)));
    return object(send("PATCH", "/v1/memories/" + id.value(), query(), body.build(), null));
  }

  @Override
  public void memoryDelete(MemoryId id) {
    send("DELETE", "/v1/memories/" + id.value(), query(), null, null);
  }

  @Override
  public Page memoryList(ListMemories list) {
    Query q = query();
    filter(q, list.filter());
    list.cursor().ifPresent(c -> q.add("cursor", c));
    q.add("limit", Integer.toString(list.limit()));
    return page(send("GET", "/v1/memories", q, null, null));
  }

  @Override
  public List<JsonObject> memorySearch(SearchMemories search) {
    Query q = query();
    q.add("q", search.query());
    q.add("limit", Integer.toString(search.limit()));
    search.mode().ifPresent(m -> q.add("mode", m.value()));
    filter(q, search.filter());
    return items(send("GET", "/v1/memories/search", q, null, null));
  }

  private static void filter(Query q, MemoryFilter filter) {
    filter.tags().forEach(t -> q.add("tag", t.value()));
    filter.kind().ifPresent(k -> q.add("kind", k.value()));
    filter.range().from().ifPresent(t -> q.add("from", t.toString()));
    filter.range().to().ifPresent(t -> q.add("to", t.toString()));
  }

  @Override
  public JsonObject snapshotSave(SaveSnapshot command) {
    JsonObject body =
        JsonValue.objectBuilder()
            .put("summary", command.summary())
            .put("data", command.data())
            .putStrings("tags", command.tags().stream().map(Tag::value).toList())
            .build();
    return object(send("POST", "/v1/snapshots", query(), body, null));
  }

  @Override
  public Page snapshotList(ListSnapshots list) {
    Query q = query();
    list.cursor().ifPresent(c -> q.add("cursor", c));
    q.add("limit", Integer.toString(list.limit()));
    return page(send("GET", "/v1/snapshots", q, null, null));
  }

  @Override
  public JsonObject snapshotLatest() {
    return object(send("GET", "/v1/snapshots/latest", query(), null, null));
  }

  @Override
  public JsonObject document(Document document) {
    return object(send("GET", document.path(), query(), null, null));
  }

  @Override
  public JsonObject documentPatch(
      Document document, JsonObject patch, OptionalLong expectedVersion) {
    return object(send("PATCH", document.path(), query(), patch, ifMatch(expectedVersion)));
  }

  // ---------------------------------------------------------------- goals

  @Override
  public JsonObject goalAdd(AddGoal command) {
    JsonValue.ObjectBuilder body = JsonValue.objectBuilder().put("title", command.title());
    command.dueAt().ifPresent(t -> body.put("due_at", RecordJson.time(t)));
    return object(send("POST", "/v1/goals", query(), body.build(), null));
  }

  @Override
  public List<JsonObject> goalList(ListGoals list) {
    Query q = query();
    if (list.activeOnly()) {
      q.add("active", "true");
    } else if (!list.statuses().isEmpty()) {
      q.add(
          "status",
          list.statuses().stream()
              .sorted()
              .map(GoalStatus::wireName)
              .collect(Collectors.joining(",")));
    }
    return items(send("GET", "/v1/goals", q, null, null));
  }

  @Override
  public JsonObject goalGet(GoalId id) {
    return object(send("GET", "/v1/goals/" + id.value(), query(), null, null));
  }

  @Override
  public JsonObject goalProgress(RecordProgress command) {
    JsonValue.ObjectBuilder body = JsonValue.objectBuilder();
    command.status().ifPresent(s -> body.put("status", s.wireName()));
    command.note().ifPresent(n -> body.put("note", n));
    return object(
        send(
            "POST",
            "/v1/goals/" + command.goal().value() + "/progress",
            query(),
            body.build(),
            null));
  }

  @Override
  public JsonObject goalUpdate(GoalId id, UpdateGoal changes) {
    JsonValue.ObjectBuilder body = JsonValue.objectBuilder();
    changes.title().ifPresent(t -> body.put("title", t));
    changes.dueAt().ifPresent(t -> body.put("due_at", RecordJson.time(t)));
    if (changes.clearDue()) {
      body.put("due_at", JsonValue.NULL);
    }
    changes.status().ifPresent(s -> body.put("status", s.wireName()));
    return object(send("PATCH", "/v1/goals/" + id.value(), query(), body.build(), null));
  }

  @Override
  public void goalDelete(GoalId id) {
    send("DELETE", "/v1/goals/" + id.value(), query(), null, null);
  }

  // ---------------------------------------------------------------- context, audit, admin

  @Override
  public JsonObject reindex(boolean everything, ReindexListener listener) {
    throw new UsageException(
        "reindex works on a local store (--store); a server embeds new memories in the background by itself");
  }

  @Override
  public JsonObject context(ContextRequest request) {
    Query q = query();
    q.add("max_tokens", Integer.toString(request.maxTokens()));
    request.query().ifPresent(text -> q.add("query", text));
    request.mode().ifPresent(m -> q.add("mode", m.value()));
    if (request.sections().size() < ContextSection.values().length) {
      q.add(
          "sections",
          request.sections().stream()
              .map(ContextSection::wireName)
              .collect(Collectors.joining(",")));
    }
    q.add("format", "json");
    return object(send("GET", "/v1/context", q, null, null));
  }

  @Override
  public Page audit(ListAudit audit) {
    Query q = query();
    audit.target().ifPresent(t -> q.add("target", t));
    audit.range().from().ifPresent(t -> q.add("from", t.toString()));
    audit.range().to().ifPresent(t -> q.add("to", t.toString()));
    audit.before().ifPresent(s -> q.add("before", Long.toString(s)));
    q.add("limit", Integer.toString(audit.limit()));
    return page(send("GET", "/v1/audit", q, null, null));
  }

  @Override
  public JsonObject backupCreate() {
    return object(send("POST", "/v1/backups", query(), null, null));
  }

  @Override
  public List<JsonObject> backupList() {
    return items(send("GET", "/v1/backups", query(), null, null));
  }

  @Override
  public JsonObject backupRestore(String id) {
    return object(send("POST", "/v1/backups/" + pathSegment(id) + "/restore", query(), null, null));
  }

  @Override
  public JsonObject exportDocument(boolean all) {
    return object(send("GET", "/v1/export", all ? new Query() : query(), null, null));
  }

  @Override
  public JsonObject importDocument(ImportDocument command) {
    Query q = new Query();
    q.add("mode", command.mode().wireName());
    return object(send("POST", "/v1/import", q, command.document(), null));
  }

  @Override
  public void close() {
    client = null;
  }

  // ---------------------------------------------------------------- HTTP

  /** An answer: its status and its JSON body ({@link JsonValue#NULL} when it had none). */
  record Response(int status, JsonValue body) {}

  /** Query parameters in order; a name may repeat. */
  static final class Query {
    private final List<String[]> pairs = new ArrayList<>();

    void add(String name, String value) {
      pairs.add(new String[] {name, value});
    }

    String encoded() {
      return pairs.stream()
          .map(p -> encode(p[0]) + "=" + encode(p[1]))
          .collect(Collectors.joining("&"));
    }
  }

  private Query query() {
    Query q = new Query();
    namespace.ifPresent(ns -> q.add("namespace", ns));
    return q;
  }

  private static String ifMatch(OptionalLong expectedVersion) {
    return expectedVersion.isPresent() ? "\"" + expectedVersion.getAsLong() + "\"" : null;
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String pathSegment(String text) {
    return encode(text);
  }

  private HttpClient client() {
    if (client == null) {
      // HTTP/1.1: one short request needs no h2c upgrade round trip.
      client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(CONNECT_TIMEOUT)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return client;
  }

  Response send(String method, String path, Query query, JsonValue body, String ifMatch) {
    String q = query.encoded();
    URI uri = URI.create(baseUrl + path + (q.isEmpty() ? "" : "?" + q));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json, application/problem+json");
    apiKey.ifPresent(k -> request.header("Authorization", "Bearer " + k));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    if (body != null) {
      // Merge-patch routes accept application/json too; one content type keeps every route alike.
      request.header("Content-Type", "application/json");
      request.method(
          method,
          HttpRequest.BodyPublishers.ofString(JsonText.write(body), StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<byte[]> response;
    try {
      response = client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RemoteFailure("cannot reach " + baseUrl + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteFailure("interrupted while waiting for " + baseUrl, e);
    }
    int status = response.statusCode();
    byte[] bytes = response.body();
    if (status >= 200 && status < 300) {
      if (bytes == null || bytes.length == 0) {
        return new Response(status, JsonValue.NULL);
      }
      try {
        return new Response(status, JsonText.parse(bytes, "response"));
      } catch (ValidationException e) {
        throw new RemoteFailure(
            502,
            "the server at "
                + baseUrl
                + " sent an answer that is not JSON ("
                + method
                + " "
                + path
                + ")");
      }
    }
    throw new RemoteFailure(status, problem(status, bytes, method, path));
  }

  /** The message of an error answer: the problem's detail and failing fields, else its status. */
  static String problem(int status, byte[] bytes, String method, String path) {
    String fallback = "the server answered " + status + " to " + method + " " + path;
    if (bytes == null || bytes.length == 0) {
      return fallback;
    }
    JsonValue json;
    try {
      json = JsonText.parse(bytes, "problem");
    } catch (ValidationException e) {
      return fallback;
    }
    if (!(json instanceof JsonObject problem)) {
      return fallback;
    }
    StringBuilder message = new StringBuilder();
    message.append(problem.string("detail").or(() -> problem.string("title")).orElse(fallback));
    problem
        .get("errors")
        .filter(JsonValue.JsonArray.class::isInstance)
        .ifPresent(
            errors -> {
              List<String> fields = new ArrayList<>();
              for (JsonValue e : ((JsonValue.JsonArray) errors).values()) {
                if (e instanceof JsonObject o) {
                  String field = o.string("field").orElse("");
                  String rule = o.string("rule").orElse(o.string("message").orElse(""));
                  String item = (field + " " + rule).strip();
                  if (!item.isEmpty() && message.indexOf(item) < 0) {
                    fields.add(item);
                  }
                }
              }
              if (!fields.isEmpty()) {
                message.append(" (").append(String.join("; ", fields)).append(')');
              }
            });
    if (status == 401 || status == 403) {
      return "not authorised: " + message;
    }
    return message.toString();
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + " " + message;
  }

  private static JsonObject object(Response response) {
    if (response.body() instanceof JsonObject o) {
      return o;
    }
    throw new RemoteFailure(
        502,
        "the server sent "
            + (response.body() instanceof JsonValue.JsonNull ? "no body" : "a non-object")
            + " where a JSON object was expected");
  }

  private static List<JsonObject> items(Response response) {
    return page(response).items();
  }

  private static Page page(Response response) {
    JsonObject body = object(response);
    JsonValue items = body.get("items").orElse(null);
    if (!(items instanceof JsonValue.JsonArray array)) {
      throw new RemoteFailure(502, "the server sent a list without \"items\"");
    }
    List<JsonObject> out = new ArrayList<>();
    for (JsonValue v : array.values()) {
      if (v instanceof JsonObject o) {
        out.add(o);
      } else {
        out.add(JsonValue.objectBuilder().put("value", v).build());
      }
    }
    return new Page(out, body.get("next_cursor").orElse(JsonValue.NULL));
  }
}
