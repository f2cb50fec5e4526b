package dev.memkit.cli;

import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.AuditPage;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryPage;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.DeleteState;
import dev.memkit.core.port.in.ExportNamespaces;
import dev.memkit.core.port.in.ImportDocument;
import dev.memkit.core.port.in.ImportReport;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.core.port.in.ListGoals;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.ListSnapshots;
import dev.memkit.core.port.in.MemoryAdded;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.ReindexListener;
import dev.memkit.core.port.in.SaveSnapshot;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.core.port.in.SearchStatus;
import dev.memkit.core.port.in.SetState;
import dev.memkit.core.port.in.UpdateGoal;
import dev.memkit.core.port.in.UpdateMemory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The backend of a local store: the core's use cases on a {@link Memkit} opened at first use,
 * acting as {@link Actor#CLI}.
 */
final class LocalBackend implements Backend {
  private final Supplier<Memkit> opener;
  private final Namespace namespace;
  private final boolean ownsStore;
  private static final Duration MODEL_WAIT = Duration.ofMinutes(2);
  private Memkit memkit;

  /**
   * @param opener opens the store; called at most once, at the first command that needs it
   * @param namespace the namespace every call acts on
   * @param ownsStore whether {@link #close()} closes the store
   */
  LocalBackend(Supplier<Memkit> opener, Namespace namespace, boolean ownsStore) {
    this.opener = opener;
    this.namespace = namespace;
    this.ownsStore = ownsStore;
  }

  private Memkit memkit() {
    if (memkit == null) {
      memkit = opener.get();
    }
    return memkit;
  }

  private Space space() {
    return memkit().space(namespace, Actor.CLI);
  }

  /** The namespace every call acts on. */
  Namespace namespace() {
    return namespace;
  }

  /**
   * The use cases of this backend's namespace acting as {@code actor}; opens the store if needed.
   */
  Space space(Actor actor) {
    return memkit().space(namespace, actor);
  }

  /**
   * Before a search that may use meaning: waits for the model and embeds the memories added since
   * the last run (a command line lives too briefly for the background indexer).
   */
  private void catchUp(Optional<SearchMode> mode) {
    if (mode.equals(Optional.of(SearchMode.KEYWORD))
        || memkit().searchStatus().embedder().equals("absent")) {
      return;
    }
    if (memkit().awaitSearchReady(MODEL_WAIT)) {
      memkit().reindex(false, (done, total) -> {});
    }
  }

  @Override
  public JsonObject reindex(boolean everything, ReindexListener listener) {
    long embedded = memkit().reindex(everything, listener);
    SearchStatus status = memkit().searchStatus();
    return JsonValue.objectBuilder()
        .put("embedded", embedded)
        .put("total", status.indexed())
        .put("model", status.model().orElse(""))
        .build();
  }

  @Override
  public JsonObject stateGet(StateKey key) {
    return RecordJson.state(
        space()
            .state()
            .get(key)
            .orElseThrow(() -> new NotFoundException("state key '" + key + "'")));
  }

  @Override
  public JsonObject stateSet(SetState command) {
    return RecordJson.state(space().state().set(command));
  }

  @Override
  public JsonObject statePatch(PatchState command) {
    return RecordJson.state(space().state().mergePatch(command));
  }

  @Override
  public void stateDelete(DeleteState command) {
    space().state().delete(command);
  }

  @Override
  public List<JsonObject> stateList(String prefix) {
    return space().state().list(prefix).stream().map(RecordJson::state).toList();
  }

  @Override
  public Added memoryAdd(AddMemory command) {
    MemoryAdded added = space().memories().add(command);
    return new Added(RecordJson.memory(added.memory()), added.created());
  }

  @Override
  public List<Added> memoryAddAll(List<AddMemory> commands) {
    return space().memories().addAll(commands).stream()
        .map(added -> new Added(RecordJson.memory(added.memory()), added.created()))
        .toList();
  }

  @Override
  public JsonObject memoryGet(MemoryId id) {
    return RecordJson.memory(
        space().memories().find(id).orElseThrow(() -> new NotFoundException("memory " + id)));
  }

  @Override
  public JsonObject memoryUpdate(MemoryId id, UpdateMemory changes) {
    return RecordJson.memory(space().memories().update(id, changes));
  }

  @Override
  public void memoryDelete(MemoryId id) {
    space().memories().delete(id);
  }

  @Override
  public Page memoryList(ListMemories query) {
    return page(space().memories().list(query));
  }

  @Override
  public List<JsonObject> memorySearch(SearchMemories query) {
    catchUp(query.mode());
    return space().memories().search(query).stream().map(RecordJson::hit).toList();
  }

  @Override
  public JsonObject snapshotSave(SaveSnapshot command) {
    return RecordJson.memory(space().memories().saveSnapshot(command));
  }

  @Override
  public Page snapshotList(ListSnapshots query) {
    return page(space().memories().listSnapshots(query));
  }

  @Override
  public JsonObject snapshotLatest() {
    return RecordJson.memory(
        space().memories().latestSnapshot().orElseThrow(() -> new NotFoundException("snapshot")));
  }

  @Override
  public JsonObject document(Document document) {
    return RecordJson.state(
        space()
            .state()
            .get(document.key())
            .orElseThrow(() -> new NotFoundException(document.label())));
  }

  @Override
  public JsonObject documentPatch(
      Document document, JsonObject patch, OptionalLong expectedVersion) {
    return RecordJson.state(
        space().state().mergePatch(new PatchState(document.key(), patch, expectedVersion)));
  }

  @Override
  public JsonObject goalAdd(AddGoal command) {
    return RecordJson.goal(space().goals().add(command));
  }

  @Override
  public List<JsonObject> goalList(ListGoals query) {
    return space().goals().list(query).stream().map(RecordJson::goal).toList();
  }

  @Override
  public JsonObject goalGet(GoalId id) {
    return RecordJson.goal(
        space().goals().find(id).orElseThrow(() -> new NotFoundException("goal " + id)));
  }

  @Override
  public JsonObject goalProgress(RecordProgress command) {
    return RecordJson.goal(space().goals().progress(command));
  }

  @Override
  public JsonObject goalUpdate(GoalId id, UpdateGoal changes) {
    return RecordJson.goal(space().goals().update(id, changes));
  }

  @Override
  public void goalDelete(GoalId id) {
    space().goals().delete(id);
  }

  @Override
  public JsonObject context(ContextRequest request) {
    if (request.query().isPresent()) {
      catchUp(request.mode());
    }
    return RecordJson.context(space().context().export(request));
  }

  @Override
  public Page audit(ListAudit query) {
    AuditPage page = space().audit().list(query);
    return new Page(
        page.items().stream().map(RecordJson::audit).toList(), cursor(page.nextCursor()));
  }

  @Override
  public JsonObject backupCreate() {
    return RecordJson.backup(memkit().backups(Actor.CLI).create());
  }

  @Override
  public List<JsonObject> backupList() {
    return memkit().backups(Actor.CLI).list().stream().map(RecordJson::backup).toList();
  }

  @Override
  public JsonObject backupRestore(String id) {
    BackupInfo safety = memkit().backups(Actor.CLI).restore(id);
    return JsonValue.objectBuilder()
        .put("restored", id)
        .put("safety_backup", RecordJson.backup(safety))
        .build();
  }

  @Override
  public JsonObject exportDocument(boolean all) {
    return memkit()
        .transfer(Actor.CLI)
        .export(new ExportNamespaces(all ? Set.of() : Set.of(namespace)));
  }

  @Override
  public JsonObject importDocument(ImportDocument command) {
    ImportReport report = memkit().transfer(Actor.CLI).importDocument(command);
    return JsonValue.objectBuilder()
        .putStrings("namespaces", report.namespaces().stream().map(Namespace::value).toList())
        .put("state", report.stateEntries())
        .put("memories", report.memories())
        .put("goals", report.goals())
        .build();
  }

  @Override
  public void close() {
    if (memkit != null && ownsStore) {
      memkit.close();
    }
    memkit = null;
  }

  private static Page page(MemoryPage page) {
    return new Page(
        page.items().stream().map(RecordJson::memory).toList(), cursor(page.nextCursor()));
  }

  private static JsonValue cursor(Optional<String> next) {
    return next.<JsonValue>map(JsonValue::of).orElse(JsonValue.NULL);
  }
}
