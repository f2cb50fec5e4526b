package dev.memkit.cli;

import static dev.memkit.cli.RemoteAnswers.items;
import static dev.memkit.cli.RemoteAnswers.object;
import static dev.memkit.cli.RemoteAnswers.page;

import dev.memkit.cli.RemoteClient.Query;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.StateKey;
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
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The backend of a remote server: each call is one request to its {@code /v1} API, bodies and
 * answers in the records' JSON form. The exchange is {@link RemoteClient}'s, the calls of each
 * resource are {@link RemoteState}'s, {@link RemoteMemories}' and {@link RemoteGoals}', the
 * context, audit and admin calls this class's. Error answers ({@code application/problem+json})
 * become a {@link RemoteFailure} with the status's exit code and the problem's detail as the
 * message.
 */
final class RemoteBackend implements Backend {
  private final RemoteClient http;
  private final RemoteState state;
  private final RemoteMemories memories;
  private final RemoteGoals goals;

  /**
   * @param baseUrl the server, e.g. {@code http://localhost:8080} (a trailing slash is ignored)
   * @param apiKey sent as {@code Authorization: Bearer …} when present
   * @param namespace sent as {@code ?namespace=} when present; otherwise the key's default applies
   */
  RemoteBackend(String baseUrl, Optional<String> apiKey, Optional<String> namespace) {
    this.http = new RemoteClient(baseUrl, apiKey, namespace);
    this.state = new RemoteState(http);
    this.memories = new RemoteMemories(http);
    this.goals = new RemoteGoals(http);
  }

  /**
   * The server's MCP endpoint, with the namespace as a parameter when one was chosen, for {@code
   * memkit mcp} to relay to.
   */
  URI mcpEndpoint() {
    return http.mcpEndpoint();
  }

  /** The API key sent, if any. */
  Optional<String> apiKey() {
    return http.apiKey();
  }

  // ---------------------------------------------------------------- state

  @Override
  public JsonObject stateGet(StateKey key) {
    return state.get(key);
  }

  @Override
  public JsonObject stateSet(SetState command) {
    return state.set(command);
  }

  @Override
  public JsonObject statePatch(PatchState command) {
    return state.patch(command);
  }

  @Override
  public void stateDelete(DeleteState command) {
    state.delete(command);
  }

  @Override
  public List<JsonObject> stateList(String prefix) {
    return state.list(prefix);
  }

  @Override
  public JsonObject document(Document document) {
    return state.document(document);
  }

  @Override
  public JsonObject documentPatch(
      Document document, JsonObject patch, OptionalLong expectedVersion) {
    return state.documentPatch(document, patch, expectedVersion);
  }

  // ---------------------------------------------------------------- memories

  @Override
  public List<Added> memoryAddAll(List<AddMemory> commands) {
    return memories.addAll(commands);
  }

  @Override
  public Added memoryAdd(AddMemory command) {
    return memories.add(command);
  }

  @Override
  public JsonObject memoryGet(MemoryId id) {
    return memories.get(id);
  }

  @Override
  public JsonObject memoryUpdate(MemoryId id, UpdateMemory changes) {
    return memories.update(id, changes);
  }

  @Override
  public void memoryDelete(MemoryId id) {
    memories.delete(id);
  }

  @Override
  public Page memoryList(ListMemories list) {
    return memories.list(list);
  }

  @Override
  public List<JsonObject> memorySearch(SearchMemories search) {
    return memories.search(search);
  }

  @Override
  public JsonObject snapshotSave(SaveSnapshot command) {
    return memories.snapshotSave(command);
  }

  @Override
  public Page snapshotList(ListSnapshots list) {
    return memories.snapshotList(list);
  }

  @Override
  public JsonObject snapshotLatest() {
    return memories.snapshotLatest();
  }

  // ---------------------------------------------------------------- goals

  @Override
  public JsonObject goalAdd(AddGoal command) {
    return goals.add(command);
  }

  @Override
  public List<JsonObject> goalList(ListGoals list) {
    return goals.list(list);
  }

  @Override
  public JsonObject goalGet(GoalId id) {
    return goals.get(id);
  }

  @Override
  public JsonObject goalProgress(RecordProgress command) {
    return goals.progress(command);
  }

  @Override
  public JsonObject goalUpdate(GoalId id, UpdateGoal changes) {
    return goals.update(id, changes);
  }

  @Override
  public void goalDelete(GoalId id) {
    goals.delete(id);
  }

  // ---------------------------------------------------------------- context, audit, admin

  @Override
  public JsonObject reindex(boolean everything, ReindexListener listener) {
    throw new UsageException(
        "reindex works on a local store (--store); a server embeds new memories in the background by itself");
  }

  @Override
  public JsonObject context(ContextRequest request) {
    Query q = http.query();
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
    return object(http.get("/v1/context", q));
  }

  @Override
  public Page audit(ListAudit audit) {
    Query q = http.query();
    audit.target().ifPresent(t -> q.add("target", t));
    q.addRange(audit.range());
    audit.before().ifPresent(s -> q.add("before", Long.toString(s)));
    q.add("limit", Integer.toString(audit.limit()));
    return page(http.get("/v1/audit", q));
  }

  @Override
  public JsonObject backupCreate() {
    return object(http.send("POST", "/v1/backups", http.query(), null, null));
  }

  @Override
  public List<JsonObject> backupList() {
    return items(http.get("/v1/backups", http.query()));
  }

  @Override
  public JsonObject backupRestore(String id) {
    return object(
        http.send(
            "POST",
            "/v1/backups/" + RemoteClient.encode(id) + "/restore",
            http.query(),
            null,
            null));
  }

  @Override
  public JsonObject exportDocument(boolean all) {
    return object(http.get("/v1/export", all ? new Query() : http.query()));
  }

  @Override
  public JsonObject importDocument(ImportDocument command) {
    Query q = new Query();
    q.add("mode", command.mode().wireName());
    return object(http.send("POST", "/v1/import", q, command.document(), null));
  }

  @Override
  public void close() {
    http.close();
  }
}
