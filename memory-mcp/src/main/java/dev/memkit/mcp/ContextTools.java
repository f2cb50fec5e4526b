package dev.memkit.mcp;

import static dev.memkit.mcp.Schema.object;
import static dev.memkit.mcp.ToolParts.renamed;
import static dev.memkit.mcp.ToolParts.searchModeSchema;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.ContextSection;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.SaveSnapshot;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.mcp.MemkitTool.Hints;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The tools a session starts and ends with: {@code context_get} (the one block to read first), the
 * user's profile and the working memory as JSON documents, and the session snapshots.
 */
final class ContextTools {
  private ContextTools() {}

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
                        + MemkitTools.DEFAULT_CONTEXT_TOKENS,
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
          long max = args.number("max_tokens", MemkitTools.DEFAULT_CONTEXT_TOKENS);
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
}
