package dev.memkit.mcp;

import static dev.memkit.mcp.Schema.object;
import static dev.memkit.mcp.ToolParts.DELETE;
import static dev.memkit.mcp.ToolParts.DELETED;
import static dev.memkit.mcp.ToolParts.deleted;
import static dev.memkit.mcp.ToolParts.findMemory;
import static dev.memkit.mcp.ToolParts.items;
import static dev.memkit.mcp.ToolParts.itemsOf;
import static dev.memkit.mcp.ToolParts.page;
import static dev.memkit.mcp.ToolParts.pageOf;
import static dev.memkit.mcp.ToolParts.renamed;
import static dev.memkit.mcp.ToolParts.searchModeSchema;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.MemoryAdded;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.core.port.in.UpdateMemory;
import dev.memkit.mcp.MemkitTool.Hints;
import java.util.List;

/** The tools over memories: add, search, list the newest, read, correct and forget one. */
final class MemoryTools {
  private MemoryTools() {}

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

  private static JsonObject memoryId() {
    return Schema.integer("The memory's id", 1, Long.MAX_VALUE);
  }
}
