package dev.memkit.mcp;

import static dev.memkit.mcp.Schema.object;

import dev.memkit.core.Space;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.MemoryPage;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.ContextSection;
import dev.memkit.core.port.in.DeleteState;
import dev.memkit.core.port.in.ListGoals;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.MemoryAdded;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.SaveSnapshot;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.core.port.in.SetState;
import dev.memkit.core.port.in.UpdateGoal;
import dev.memkit.core.port.in.UpdateMemory;
import dev.memkit.mcp.MemkitTool.Hints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every tool memkit serves over MCP, defined once: both transports (standard input and output, and
 * the HTTP service's {@code /mcp}) serve these. Arguments are read with the core's checks; results
 * are the records' one JSON form ({@link RecordJson}), the same the HTTP API and the command line's
 * {@code --json} give.
 */
final class MemkitTools {
  /** The context budget when a call names none. */
  static final int DEFAULT_CONTEXT_TOKENS = 2000;

  /** The URI of one memory, as resources and the {@code fetch} tool name it. */
  static final String MEMORY_URI = "memkit://memories/";

  private static final Hints DELETE = new Hints(false, true, true);

  private static final JsonObject ITEMS_OF_MEMORIES = items(Schema.MEMORY);
  private static final JsonObject DELETED =
      object().required("deleted", Schema.plain("boolean")).open();

  private MemkitTools() {}

  /** Every tool, the standard selection first. */
  static List<MemkitTool> all() {
    return List.of(
        contextGet(),
        memoryAdd(),
        memorySearch(),
        memoryRecent(),
        stateGet(),
        stateSet(),
        goalAdd(),
        goalList(),
        goalProgress(),
        snapshotSave(),
        memoryGet(),
        memoryUpdate(),
        memoryDelete(),
        stateMerge(),
        stateList(),
        stateDelete(),
        profileGet(),
        profilePatch(),
        workingMemoryGet(),
        workingMemoryPatch(),
        goalUpdate(),
        snapshotLatest(),
        search(),
        fetch());
  }

  // ------------------------------------------------------------------ context

  static MemkitTool contextGet() {
    return new MemkitTool(
        "context_get",
        "Load memory context",
        "Call this FIRST at the start of every conversation or task: it returns what memkit remembers for this "
            + "namespace as one text block to read before answering — state (incl. the user's profile and the working "
            + "memory), active goals, memories relevant to `query`, and the most recent memories — never more than "
            + "`max_tokens` tokens. Pass `query` (the user's request) to pull in the memories relevant to it.",
        object()
            .optional(
                "max_tokens",
                Schema.integer(
                    "Token budget of the block, "
                        + Limits.CONTEXT_MIN_TOKENS
                        + ".."
                        + Limits.CONTEXT_MAX_TOKENS
                        + "; default "
                        + DEFAULT_CONTEXT_TOKENS,
                    Limits.CONTEXT_MIN_TOKENS,
                    Limits.CONTEXT_MAX_TOKENS))
            .optional(
                "query",
                Schema.text(
                    "What the conversation is about: adds the memories most relevant to it",
                    Limits.QUERY_MAX_CHARS))
            .optional("sections", sectionsSchema())
            .optional("mode", searchModeSchema())
            .closed(),
        Schema.CONTEXT,
        Hints.READ,
        true,
        (space, args) -> {
          long max = args.number("max_tokens", DEFAULT_CONTEXT_TOKENS);
          Set<ContextSection> sections = EnumSet.noneOf(ContextSection.class);
          args.strings("sections")
              .ifPresent(list -> list.forEach(t -> sections.add(ContextSection.parse(t))));
          ContextRequest request =
              renamed(
                  "q",
                  "query",
                  () ->
                      new ContextRequest(
                          (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, max)),
                          args.optionalString("query"),
                          sections,
                          args.optionalString("mode").map(SearchMode::of)));
          return RecordJson.context(space.context().export(request));
        });
  }

  private static JsonObject searchModeSchema() {
    return Schema.oneOf(
        "How to match: hybrid (words and meaning), keyword (words only) or semantic (meaning only); "
            + "default: hybrid when the server has an embedding model, else keyword",
        Arrays.stream(SearchMode.values()).map(SearchMode::value).toList());
  }

  private static JsonObject sectionsSchema() {
    return JsonValue.objectBuilder()
        .put("type", "array")
        .put("description", "Which sections to include (default: all)")
        .put(
            "items",
            Schema.oneOf(
                "A section",
                Arrays.stream(ContextSection.values()).map(ContextSection::wireName).toList()))
        .build();
  }

  // ------------------------------------------------------------------ memories

  static MemkitTool memoryAdd() {
    return new MemkitTool(
        "memory_add",
        "Remember something",
        "Store one new memory: a fact, decision, preference, event or note worth remembering in later "
            + "conversations. Write it as a self-contained sentence (who, what, when). Add `tags` to group it and "
            + "`kind` to classify it. Pass a `key` (e.g. a hash of the text) to make retries safe: a second call with "
            + "the same key stores nothing and returns the first memory with created=false. To change an existing "
            + "memory use memory_update, not this. Returns the stored memory with its id.",
        object()
            .required(
                "text",
                Schema.text(
                    "What to remember, 1.." + Limits.MEMORY_TEXT_MAX_CHARS + " characters",
                    Limits.MEMORY_TEXT_MAX_CHARS))
            .optional(
                "tags",
                Schema.tags("Up to " + Limits.TAGS_MAX + " tags, e.g. [\"project-x\", \"deploy\"]"))
            .optional("kind", Schema.kind("What sort of memory it is; default note"))
            .optional(
                "metadata",
                Schema.anyObject(
                    "Structured data kept with it: a JSON object of at most "
                        + Limits.METADATA_MAX_BYTES
                        + " bytes"))
            .optional("occurred_at", Schema.time("When the remembered thing happened, if not now"))
            .optional(
                "key",
                Schema.text(
                    "Idempotency key, 1.." + Limits.CLIENT_KEY_MAX_CHARS + " characters",
                    Limits.CLIENT_KEY_MAX_CHARS))
            .closed(),
        object()
            .required("created", Schema.plain("boolean"))
            .required("memory", Schema.MEMORY)
            .open(),
        Hints.ADD,
        true,
        (space, args) -> {
          AddMemory add =
              new AddMemory(
                  args.string("text"),
                  args.tags("tags").orElse(List.of()),
                  args.kind("kind").orElse(Kind.NOTE),
                  args.optionalObject("metadata").orElse(JsonValue.emptyObject()),
                  args.time("occurred_at"),
                  args.optionalString("key").map(MemoryKey::of));
          MemoryAdded added = space.memories().add(add);
          return JsonValue.objectBuilder()
              .put("created", added.created())
              .put("memory", RecordJson.memory(added.memory()))
              .build();
        });
  }

  static MemkitTool memorySearch() {
    return new MemkitTool(
        "memory_search",
        "Search memories",
        "Find memories about a topic with a natural-language `query` (any text works; words are stemmed, stop "
            + "words ignored). Use it before answering anything that may depend on earlier conversations, and before "
            + "adding a memory to check whether it is already known. Narrow with `tags` (all must match), `kind`, "
            + "`from`/`to`. Returns the best matches first, each with its id, text, tags and score.",
        object()
            .required(
                "query", Schema.text("What to look for, in plain words", Limits.QUERY_MAX_CHARS))
            .optional("tags", Schema.tags("Only memories with all of these tags"))
            .optional("kind", Schema.kind("Only memories of this kind"))
            .optional("from", Schema.time("Only memories that happened at or after this time"))
            .optional("to", Schema.time("Only memories that happened before this time"))
            .optional("limit", Schema.limit("matches"))
            .optional("mode", searchModeSchema())
            .closed(),
        items(Schema.HIT),
        Hints.READ,
        true,
        (space, args) -> {
          SearchMemories search =
              renamed(
                  "q",
                  "query",
                  () ->
                      new SearchMemories(
                          args.string("query"),
                          args.filter(),
                          args.limit("limit"),
                          args.optionalString("mode").map(SearchMode::of)));
          return itemsOf(space.memories().search(search).stream().map(RecordJson::hit).toList());
        });
  }

  static MemkitTool memoryRecent() {
    return new MemkitTool(
        "memory_recent",
        "Recent memories",
        "List the newest memories, newest first — what happened lately, without a search query. Narrow with "
            + "`tags`, `kind`, `from`/`to`; pass the returned `next_cursor` as `cursor` for the next page.",
        object()
            .optional("limit", Schema.limit("memories"))
            .optional("cursor", Schema.text("The next_cursor of the previous page", 40))
            .optional("tags", Schema.tags("Only memories with all of these tags"))
            .optional("kind", Schema.kind("Only memories of this kind"))
            .optional("from", Schema.time("Only memories that happened at or after this time"))
            .optional("to", Schema.time("Only memories that happened before this time"))
            .closed(),
        page(Schema.MEMORY),
        Hints.READ,
        true,
        (space, args) ->
            pageOf(
                space
                    .memories()
                    .list(
                        new ListMemories(
                            args.filter(), args.optionalString("cursor"), args.limit("limit")))));
  }

  static MemkitTool memoryGet() {
    return new MemkitTool(
        "memory_get",
        "Get a memory",
        "Read one memory by its id (as memory_search or memory_recent returned it), with all its fields.",
        object().required("id", memoryId()).closed(),
        Schema.MEMORY,
        Hints.READ,
        false,
        (space, args) -> RecordJson.memory(findMemory(space, args.id("id"))));
  }

  static MemkitTool memoryUpdate() {
    return new MemkitTool(
        "memory_update",
        "Correct a memory",
        "Change an existing memory by id when what it says is outdated or wrong: each argument given replaces that "
            + "field (tags replace all tags); the others stay. Returns the memory as it is now.",
        object()
            .required("id", memoryId())
            .optional("text", Schema.text("The new text", Limits.MEMORY_TEXT_MAX_CHARS))
            .optional("tags", Schema.tags("The new tags (replacing all)"))
            .optional("kind", Schema.kind("The new kind"))
            .optional("metadata", Schema.anyObject("The new metadata object (replacing it)"))
            .optional("occurred_at", Schema.time("The new time it happened"))
            .closed(),
        Schema.MEMORY,
        Hints.OVERWRITE,
        false,
        (space, args) -> {
          UpdateMemory changes =
              new UpdateMemory(
                  args.optionalString("text"),
                  args.tags("tags"),
                  args.kind("kind"),
                  args.optionalObject("metadata"),
                  args.time("occurred_at"));
          return RecordJson.memory(space.memories().update(MemoryId.of(args.id("id")), changes));
        });
  }

  static MemkitTool memoryDelete() {
    return new MemkitTool(
        "memory_delete",
        "Forget a memory",
        "Delete one memory by id, for good — only when the user asks to forget it or it is plainly wrong and "
            + "memory_update cannot fix it.",
        object().required("id", memoryId()).closed(),
        DELETED,
        DELETE,
        false,
        (space, args) -> {
          space.memories().delete(MemoryId.of(args.id("id")));
          return deleted();
        });
  }

  // ------------------------------------------------------------------ state

  static MemkitTool stateGet() {
    return new MemkitTool(
        "state_get",
        "Read a state variable",
        "Read one named state variable (any JSON value), e.g. `current_phase`, with its version. Use it for the "
            + "current value of something the agent tracks; context_get already shows every variable at once.",
        object().required("key", stateKey()).closed(),
        Schema.STATE,
        Hints.READ,
        true,
        (space, args) -> RecordJson.state(findState(space, stateKeyOf(args))));
  }

  static MemkitTool stateSet() {
    return new MemkitTool(
        "state_set",
        "Set a state variable",
        "Set a named state variable to a JSON value (string, number, object…), replacing what was there: the "
            + "current phase, a counter, a config. Pass `expected_version` (the version you read; 0 to create only) "
            + "to write only if nobody changed it since. Returns the entry with its new version.",
        object()
            .required("key", stateKey())
            .required(
                "value",
                Schema.anyValue(
                    "The new value: any JSON value of at most "
                        + Limits.STATE_VALUE_MAX_BYTES
                        + " bytes"))
            .optional("expected_version", Schema.expectedVersion())
            .closed(),
        Schema.STATE,
        Hints.OVERWRITE,
        true,
        (space, args) ->
            RecordJson.state(
                space
                    .state()
                    .set(
                        new SetState(
                            stateKeyOf(args),
                            args.value("value"),
                            args.expectedVersion("expected_version")))));
  }

  static MemkitTool stateMerge() {
    return new MemkitTool(
        "state_merge",
        "Merge into a state variable",
        "Change part of an object-valued state variable with a JSON merge patch (RFC 7386): members given are set, "
            + "members set to null are removed, others stay. Creates the variable when absent.",
        object()
            .required("key", stateKey())
            .required("patch", Schema.anyValue("The merge patch, usually an object"))
            .optional("expected_version", Schema.expectedVersion())
            .closed(),
        Schema.STATE,
        Hints.OVERWRITE,
        false,
        (space, args) ->
            RecordJson.state(
                space
                    .state()
                    .mergePatch(
                        new PatchState(
                            stateKeyOf(args),
                            args.value("patch"),
                            args.expectedVersion("expected_version")))));
  }

  static MemkitTool stateList() {
    return new MemkitTool(
        "state_list",
        "List state variables",
        "List the state variables whose key starts with `prefix` (all when absent), in key order, with values.",
        object().optional("prefix", Schema.text("Key prefix, e.g. `project.`", 128)).closed(),
        items(Schema.STATE),
        Hints.READ,
        false,
        (space, args) ->
            itemsOf(
                space.state().list(args.optionalString("prefix").orElse("")).stream()
                    .map(RecordJson::state)
                    .toList()));
  }

  static MemkitTool stateDelete() {
    return new MemkitTool(
        "state_delete",
        "Delete a state variable",
        "Delete a named state variable for good, optionally only if it still has `expected_version`.",
        object()
            .required("key", stateKey())
            .optional("expected_version", Schema.expectedVersion())
            .closed(),
        DELETED,
        DELETE,
        false,
        (space, args) -> {
          space
              .state()
              .delete(new DeleteState(stateKeyOf(args), args.expectedVersion("expected_version")));
          return deleted();
        });
  }

  // ------------------------------------------------------------------ documents

  static MemkitTool profileGet() {
    return document(
        "profile",
        StateKey.PROFILE,
        "the user's profile",
        "who the user is: name, role, preferences, how they like answers");
  }

  static MemkitTool profilePatch() {
    return documentPatch(
        "profile",
        StateKey.PROFILE,
        "the user's profile",
        "when the user tells something lasting about themselves (name, role, preferences, time zone)");
  }

  static MemkitTool workingMemoryGet() {
    return document(
        "working_memory",
        StateKey.WORKING_MEMORY,
        "the working memory",
        "the scratchpad of the current task: what is being done, open questions, next steps");
  }

  static MemkitTool workingMemoryPatch() {
    return documentPatch(
        "working_memory",
        StateKey.WORKING_MEMORY,
        "the working memory",
        "to keep the current task's scratchpad up to date (what is being done, open questions, next steps)");
  }

  private static MemkitTool document(String name, StateKey key, String what, String holds) {
    return new MemkitTool(
        name + "_get",
        "Read " + what,
        "Read " + what + " document (a JSON object with its version): " + holds + ".",
        object().closed(),
        Schema.STATE,
        Hints.READ,
        false,
        (space, args) ->
            RecordJson.state(
                space
                    .state()
                    .get(key)
                    .orElseThrow(
                        () ->
                            new NotFoundException(
                                key.value() + " document (nothing is recorded yet)"))));
  }

  private static MemkitTool documentPatch(String name, StateKey key, String what, String when) {
    return new MemkitTool(
        name + "_patch",
        "Update " + what,
        "Update "
            + what
            + " document with a JSON merge patch (RFC 7386) — "
            + when
            + ". Members given are set, "
            + "members set to null are removed, others stay. Returns the document with its new version.",
        object()
            .required(
                "patch",
                Schema.anyObject(
                    "The merge patch object, e.g. {\"name\":\"Ada\",\"tz\":\"Europe/Paris\"}"))
            .optional("expected_version", Schema.expectedVersion())
            .closed(),
        Schema.STATE,
        Hints.OVERWRITE,
        false,
        (space, args) ->
            RecordJson.state(
                space
                    .state()
                    .mergePatch(
                        new PatchState(
                            key, args.object("patch"), args.expectedVersion("expected_version")))));
  }

  // ------------------------------------------------------------------ goals

  static MemkitTool goalAdd() {
    return new MemkitTool(
        "goal_add",
        "Add a goal",
        "Record a goal the user or agent is working towards (status `new`), optionally with a due time. Track it "
            + "later with goal_progress. Returns the goal with its id.",
        object()
            .required(
                "title",
                Schema.text(
                    "The goal, 1.." + Limits.GOAL_TITLE_MAX_CHARS + " characters",
                    Limits.GOAL_TITLE_MAX_CHARS))
            .optional("due_at", Schema.time("When it is due"))
            .closed(),
        Schema.GOAL,
        Hints.ADD,
        true,
        (space, args) ->
            RecordJson.goal(
                space.goals().add(new AddGoal(args.string("title"), args.time("due_at")))));
  }

  static MemkitTool goalList() {
    return new MemkitTool(
        "goal_list",
        "List goals",
        "List goals, oldest first, with their status and progress timeline: by default the active ones (not done "
            + "nor abandoned); pass `status` to choose.",
        object()
            .optional(
                "status",
                JsonValue.objectBuilder()
                    .put("type", "array")
                    .put(
                        "description",
                        "Only goals with one of these statuses (default: new, in_progress, blocked)")
                    .put("items", Schema.goalStatus("A status"))
                    .build())
            .closed(),
        items(Schema.GOAL),
        Hints.READ,
        true,
        (space, args) -> {
          Optional<List<String>> raw = args.strings("status");
          if (raw.isEmpty()) {
            return itemsOf(
                space.goals().list(ListGoals.ACTIVE).stream().map(RecordJson::goal).toList());
          }
          Set<GoalStatus> statuses = EnumSet.noneOf(GoalStatus.class);
          for (int i = 0; i < raw.get().size(); i++) {
            statuses.add(GoalStatus.parse(raw.get().get(i), "status[" + i + "]"));
          }
          return itemsOf(
              space.goals().list(ListGoals.withStatus(statuses)).stream()
                  .map(RecordJson::goal)
                  .toList());
        });
  }

  static MemkitTool goalProgress() {
    return new MemkitTool(
        "goal_progress",
        "Record goal progress",
        "Record progress on a goal by id: a new `status` (new, in_progress, blocked, done, abandoned), a `note` "
            + "of what was achieved, or both. Each call adds a step to the goal's timeline. Returns the goal.",
        object()
            .required("id", goalId())
            .optional("status", Schema.goalStatus("The new status"))
            .optional(
                "note",
                Schema.text(
                    "What happened, 1.." + Limits.PROGRESS_NOTE_MAX_CHARS + " characters",
                    Limits.PROGRESS_NOTE_MAX_CHARS))
            .closed(),
        Schema.GOAL,
        Hints.ADD,
        true,
        (space, args) -> {
          Optional<GoalStatus> status =
              args.optionalString("status").map(s -> GoalStatus.parse(s, "status"));
          return RecordJson.goal(
              space
                  .goals()
                  .progress(
                      new RecordProgress(
                          GoalId.of(args.id("id")), status, args.optionalString("note"))));
        });
  }

  static MemkitTool goalUpdate() {
    return new MemkitTool(
        "goal_update",
        "Change a goal",
        "Change a goal's title, due time (`due_at`; null clears it) or status by id. To log progress prefer "
            + "goal_progress, which keeps a note.",
        object()
            .required("id", goalId())
            .optional("title", Schema.text("The new title", Limits.GOAL_TITLE_MAX_CHARS))
            .optional(
                "due_at",
                JsonValue.objectBuilder()
                    .put("type", JsonValue.array(JsonValue.of("string"), JsonValue.of("null")))
                    .put("description", "The new due time (ISO-8601), or null to clear it")
                    .build())
            .optional("status", Schema.goalStatus("The new status"))
            .closed(),
        Schema.GOAL,
        Hints.OVERWRITE,
        false,
        (space, args) -> {
          boolean clear = args.has("due_at") && args.time("due_at").isEmpty();
          UpdateGoal changes =
              new UpdateGoal(
                  args.optionalString("title"),
                  args.time("due_at"),
                  clear,
                  args.optionalString("status").map(s -> GoalStatus.parse(s, "status")));
          return RecordJson.goal(space.goals().update(GoalId.of(args.id("id")), changes));
        });
  }

  // ------------------------------------------------------------------ snapshots

  static MemkitTool snapshotSave() {
    return new MemkitTool(
        "snapshot_save",
        "Save a session snapshot",
        "Call this at the END of a working session: save a summary of what was done, decided and left open, so "
            + "the next session can pick up (context_get shows it among recent memories; snapshot_latest returns it). "
            + "Put structured details in `data`. Returns the snapshot as a memory of kind snapshot.",
        object()
            .required(
                "summary",
                Schema.text(
                    "What the session did, decided and left open", Limits.MEMORY_TEXT_MAX_CHARS))
            .optional("data", Schema.anyObject("Structured data to keep with it (a JSON object)"))
            .optional("tags", Schema.tags("Tags"))
            .closed(),
        Schema.MEMORY,
        Hints.ADD,
        true,
        (space, args) ->
            RecordJson.memory(
                space
                    .memories()
                    .saveSnapshot(
                        new SaveSnapshot(
                            args.string("summary"),
                            args.optionalObject("data").orElse(JsonValue.emptyObject()),
                            args.tags("tags").orElse(List.of())))));
  }

  static MemkitTool snapshotLatest() {
    return new MemkitTool(
        "snapshot_latest",
        "Latest session snapshot",
        "Read the newest session snapshot: what the previous session did and left open. Use it to resume work.",
        object().closed(),
        Schema.MEMORY,
        Hints.READ,
        false,
        (space, args) ->
            RecordJson.memory(
                space
                    .memories()
                    .latestSnapshot()
                    .orElseThrow(
                        () -> new NotFoundException("snapshot (none has been saved yet)"))));
  }

  // ------------------------------------------------------------------ ChatGPT connectors

  static MemkitTool search() {
    return new MemkitTool(
        "search",
        "Search memory",
        "Search the user's memkit memory for anything relevant to `query` (plain words). Returns results with an "
            + "`id` to pass to fetch for the full text, a `title` and a `url`.",
        object()
            .required("query", Schema.text("What to look for", Limits.QUERY_MAX_CHARS))
            .closed(),
        object()
            .required(
                "results",
                Schema.arrayOf(
                    object()
                        .required("id", Schema.plain("string"))
                        .required("title", Schema.plain("string"))
                        .required("url", Schema.plain("string"))
                        .open()))
            .open(),
        Hints.READ,
        false,
        (space, args) -> {
          SearchMemories search =
              renamed("q", "query", () -> SearchMemories.of(args.string("query")));
          List<JsonValue> results = new ArrayList<>();
          space
              .memories()
              .search(search)
              .forEach(
                  hit ->
                      results.add(
                          JsonValue.objectBuilder()
                              .put("id", Long.toString(hit.memory().id().value()))
                              .put("title", title(hit.memory()))
                              .put("url", MEMORY_URI + hit.memory().id().value())
                              .build()));
          return JsonValue.objectBuilder().put("results", JsonValue.array(results)).build();
        });
  }

  static MemkitTool fetch() {
    return new MemkitTool(
        "fetch",
        "Fetch a memory",
        "Fetch the full text of one memory by the `id` a search result gave, with its tags and times as metadata.",
        object()
            .required("id", Schema.pattern("The id of a search result", "[0-9]{1,18}"))
            .closed(),
        object()
            .required("id", Schema.plain("string"))
            .required("title", Schema.plain("string"))
            .required("text", Schema.plain("string"))
            .required("url", Schema.plain("string"))
            .required("metadata", Schema.plain("object"))
            .open(),
        Hints.READ,
        false,
        (space, args) -> {
          String raw = args.string("id");
          long id;
          try {
            id = Long.parseLong(raw);
          } catch (NumberFormatException e) {
            throw new ValidationException("id", "must be the id of a search result, e.g. \"42\"");
          }
          Limits.require(id >= 1, "id", "must be the id of a search result, e.g. \"42\"");
          Memory m = findMemory(space, id);
          return JsonValue.objectBuilder()
              .put("id", Long.toString(id))
              .put("title", title(m))
              .put("text", m.text())
              .put("url", MEMORY_URI + id)
              .put("metadata", RecordJson.memory(m))
              .build();
        });
  }

  // ------------------------------------------------------------------ helpers

  private static JsonObject memoryId() {
    return Schema.integer("The memory's id", 1, Long.MAX_VALUE);
  }

  private static JsonObject goalId() {
    return Schema.integer("The goal's id", 1, Long.MAX_VALUE);
  }

  private static JsonObject stateKey() {
    return Schema.stateKey(
        "The variable's name: letters, digits and _ . : - (up to 128), e.g. current_phase");
  }

  private static StateKey stateKeyOf(Args args) {
    return StateKey.of(args.string("key"));
  }

  static Memory findMemory(Space space, long id) {
    return space
        .memories()
        .find(MemoryId.of(id))
        .orElseThrow(() -> new NotFoundException("memory " + id));
  }

  private static StateEntry findState(Space space, StateKey key) {
    return space.state().get(key).orElseThrow(() -> new NotFoundException("state " + key.value()));
  }

  private static JsonObject deleted() {
    return JsonValue.objectBuilder().put("deleted", true).build();
  }

  /** A short title for a memory: its first line, clipped. */
  private static String title(Memory m) {
    String first = m.text().strip().lines().findFirst().orElse("");
    return first.codePointCount(0, first.length()) > 80
        ? first.substring(0, first.offsetByCodePoints(0, 79)) + "…"
        : first;
  }

  private static JsonObject items(JsonObject item) {
    return object().required("items", Schema.arrayOf(item)).open();
  }

  private static JsonObject page(JsonObject item) {
    return object()
        .required("items", Schema.arrayOf(item))
        .required("next_cursor", Schema.nullable("string"))
        .open();
  }

  private static JsonObject itemsOf(List<? extends JsonValue> items) {
    return JsonValue.objectBuilder().put("items", JsonValue.array(items)).build();
  }

  private static JsonObject pageOf(MemoryPage page) {
    return JsonValue.objectBuilder()
        .put("items", JsonValue.array(page.items().stream().map(RecordJson::memory).toList()))
        .putNullable("next_cursor", page.nextCursor().map(JsonValue::of))
        .build();
  }

  /**
   * Runs {@code build}, naming {@code argument} where the core named its own field {@code
   * coreField}.
   */
  static <T> T renamed(String coreField, String argument, Supplier<T> build) {
    try {
      return build.get();
    } catch (ValidationException e) {
      throw e.field().equals(coreField) ? new ValidationException(argument, e.rule()) : e;
    }
  }
}
