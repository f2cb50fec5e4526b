package dev.memkit.mcp;

import dev.memkit.core.Space;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.ListGoals;
import java.util.List;
import java.util.Objects;

/**
 * The resources memkit serves over MCP, for clients that let the user attach them: the context
 * block, the profile and working-memory documents, the active goals, and one memory by id.
 */
final class MemkitResources {
  /** The URI template of one memory. */
  static final String MEMORY_TEMPLATE = MemkitTools.MEMORY_URI + "{id}";

  private MemkitResources() {}

  /**
   * One resource (or, with {@code template}, a family of them).
   *
   * @param uri its URI, or its URI template
   * @param name a short name
   * @param description what it holds
   * @param mimeType {@code text/plain} or {@code application/json}
   * @param template whether {@code uri} is a template
   * @param reader reads it for a namespace, given the URI asked for
   */
  record Resource(
      String uri,
      String name,
      String description,
      String mimeType,
      boolean template,
      Reader reader) {
    Resource {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(reader, "reader");
    }
  }

  /** Reads a resource's text. */
  @FunctionalInterface
  interface Reader {
    /**
     * The text of {@code uri} in {@code space}.
     *
     * @throws NotFoundException when there is nothing at {@code uri}
     */
    String read(Space space, String uri);
  }

  /** Every resource and template. */
  static List<Resource> all() {
    return List.of(
        new Resource(
            "memkit://context",
            "context",
            "The context block: state, active goals and recent memories within "
                + MemkitTools.DEFAULT_CONTEXT_TOKENS
                + " tokens — what to read at the start of a session",
            "text/plain",
            false,
            (space, uri) ->
                space
                    .context()
                    .export(ContextRequest.maxTokens(MemkitTools.DEFAULT_CONTEXT_TOKENS))
                    .text()),
        new Resource(
            "memkit://profile",
            "profile",
            "The user's profile document (a state entry; null when not set)",
            "application/json",
            false,
            (space, uri) -> document(space, StateKey.PROFILE)),
        new Resource(
            "memkit://working-memory",
            "working-memory",
            "The working-memory document of the current task (a state entry; null when not set)",
            "application/json",
            false,
            (space, uri) -> document(space, StateKey.WORKING_MEMORY)),
        new Resource(
            "memkit://goals/active",
            "active-goals",
            "The goals not done nor abandoned, oldest first",
            "application/json",
            false,
            (space, uri) ->
                JsonWriter.compact(
                    JsonValue.objectBuilder()
                        .put(
                            "items",
                            JsonValue.array(
                                space.goals().list(ListGoals.ACTIVE).stream()
                                    .map(RecordJson::goal)
                                    .toList()))
                        .build())),
        new Resource(
            MEMORY_TEMPLATE,
            "memory",
            "One memory by id",
            "application/json",
            true,
            (space, uri) ->
                JsonWriter.compact(RecordJson.memory(ToolParts.findMemory(space, memoryId(uri))))));
  }

  private static String document(Space space, StateKey key) {
    return space.state().get(key).map(e -> JsonWriter.compact(RecordJson.state(e))).orElse("null");
  }

  private static long memoryId(String uri) {
    String tail =
        uri.startsWith(MemkitTools.MEMORY_URI)
            ? uri.substring(MemkitTools.MEMORY_URI.length())
            : "";
    if (tail.matches("[0-9]{1,18}") && Long.parseLong(tail) >= 1) {
      return Long.parseLong(tail);
    }
    throw new NotFoundException(
        "resource " + (uri.length() > 100 ? uri.substring(0, 100) + "…" : uri));
  }
}
