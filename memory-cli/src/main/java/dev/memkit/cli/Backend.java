package dev.memkit.cli;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ContextRequest;
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
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the commands need from memkit, whichever way it is reached: a local store through the core's
 * use cases, or a server through its {@code /v1} API. Arguments are the core's checked command
 * records (so bad input fails before anything is sent or written); results are records in their one
 * JSON form, {@link dev.memkit.core.model.RecordJson}'s.
 *
 * <p>Failures are the core's exceptions (not found, validation, conflict, store unavailable) or a
 * {@link RemoteFailure} carrying the exit code of an HTTP status.
 */
interface Backend extends AutoCloseable {

  /** The state entry {@code key}; NotFoundException when unset. */
  JsonObject stateGet(StateKey key);

  /** Sets a state entry; returns it. */
  JsonObject stateSet(SetState command);

  /** Merge-patches a state entry; returns it. */
  JsonObject statePatch(PatchState command);

  /** Deletes a state entry; NotFoundException when unset. */
  void stateDelete(DeleteState command);

  /** Entries whose key starts with {@code prefix}, in key order. */
  List<JsonObject> stateList(String prefix);

  /** Adds a memory (or finds the one with the same client key). */
  Added memoryAdd(AddMemory command);

  /**
   * Adds many memories, each as {@link #memoryAdd} would; one result per command, in order. A local
   * store writes them in one atomic write; a server gets them one by one (each idempotent by its
   * key).
   */
  List<Added> memoryAddAll(List<AddMemory> commands);

  /** The memory {@code id}; NotFoundException when absent. */
  JsonObject memoryGet(MemoryId id);

  /** Changes a memory; returns it. */
  JsonObject memoryUpdate(MemoryId id, UpdateMemory changes);

  /** Deletes a memory. */
  void memoryDelete(MemoryId id);

  /** A page of memories, newest first. */
  Page memoryList(ListMemories query);

  /** Search hits, best first: memory JSON plus {@code score} and {@code matched_terms}. */
  List<JsonObject> memorySearch(SearchMemories query);

  /** Saves a session snapshot; returns the memory. */
  JsonObject snapshotSave(SaveSnapshot command);

  /** A page of snapshots, newest first. */
  Page snapshotList(ListSnapshots query);

  /** The newest snapshot; NotFoundException when there is none. */
  JsonObject snapshotLatest();

  /** The state entry of a well-known document; NotFoundException when unset. */
  JsonObject document(Document document);

  /** Merge-patches a well-known document; returns its state entry. */
  JsonObject documentPatch(Document document, JsonObject patch, OptionalLong expectedVersion);

  /** Adds a goal; returns it. */
  JsonObject goalAdd(AddGoal command);

  /** The goals {@code query} asks for, oldest first. */
  List<JsonObject> goalList(ListGoals query);

  /** The goal {@code id} with its timeline; NotFoundException when absent. */
  JsonObject goalGet(GoalId id);

  /** Records progress on a goal; returns it. */
  JsonObject goalProgress(RecordProgress command);

  /** Changes a goal; returns it. */
  JsonObject goalUpdate(GoalId id, UpdateGoal changes);

  /** Deletes a goal. */
  void goalDelete(GoalId id);

  /**
   * The context block as {@code {"prompt_block","tokens","max_tokens","tokenizer","included",
   * "omitted"}}.
   */
  JsonObject context(ContextRequest request);

  /** Audit entries, newest first; the cursor is the sequence to continue below. */
  Page audit(ListAudit query);

  /** Takes a backup; returns its description. */
  JsonObject backupCreate();

  /** The backups held, newest first. */
  List<JsonObject> backupList();

  /** Restores a backup: {@code {"restored":id,"safety_backup":backup}}. */
  JsonObject backupRestore(String id);

  /** The export document of the namespace in use, or of every namespace when {@code all}. */
  JsonObject exportDocument(boolean all);

  /** Imports an export document: {@code {"namespaces":[…],"state":n,"memories":n,"goals":n}}. */
  JsonObject importDocument(ImportDocument command);

  /**
   * Embeds every memory without a current vector (with {@code everything}: every memory), in the
   * foreground, reporting progress; returns {@code {"embedded","total","model"}}.
   *
   * @throws UsageException on a server, which indexes in the background by itself
   */
  JsonObject reindex(boolean everything, ReindexListener listener);

  /** Releases the store or the HTTP client. */
  @Override
  void close();

  /** The result of adding a memory: false {@code created} when its key was used before. */
  record Added(JsonObject memory, boolean created) {
    public Added {
      Objects.requireNonNull(memory, "memory");
    }
  }

  /** A page of records and the cursor of the next page ({@link JsonValue#NULL} when last). */
  record Page(List<JsonObject> items, JsonValue nextCursor) {
    public Page {
      items = List.copyOf(items);
      Objects.requireNonNull(nextCursor, "nextCursor");
    }

    /** The page as {@code {"items":[…],"next_cursor":…}}. */
    JsonObject toJson() {
      return JsonValue.objectBuilder()
          .put("items", JsonValue.array(items))
          .put("next_cursor", nextCursor)
          .build();
    }
  }

  /** The two well-known state documents with named commands and routes. */
  enum Document {
    /** The user's profile. */
    PROFILE(StateKey.PROFILE, "/v1/profile", "profile"),
    /** The assistant's working memory. */
    WORKING_MEMORY(StateKey.WORKING_MEMORY, "/v1/working-memory", "working memory");

    private final StateKey key;
    private final String path;
    private final String label;

    Document(StateKey key, String path, String label) {
      this.key = key;
      this.path = path;
      this.label = label;
    }

    StateKey key() {
      return key;
    }

    String path() {
      return path;
    }

    String label() {
      return label;
    }
  }
}
