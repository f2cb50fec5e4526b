package dev.memkit.mcp;

import dev.memkit.core.Space;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One MCP tool, defined once for every transport: its name, a description written for a model
 * choosing among tools, its input and output JSON Schemas, its behaviour hints, whether it is in
 * the default selection, and what it does with a namespace's use cases.
 *
 * @param name {@code [a-z0-9_]}, e.g. {@code memory_add}
 * @param title a short human title
 * @param description when to call it and what it returns
 * @param input the arguments' JSON Schema (an object that takes no other member)
 * @param output the JSON Schema of the result's structured content
 * @param hints read-only, destructive, idempotent
 * @param standard whether it is served when {@code MEMKIT_MCP_TOOLS} does not choose
 * @param handler the call
 */
record MemkitTool(
    String name,
    String title,
    String description,
    JsonObject input,
    JsonObject output,
    Hints hints,
    boolean standard,
    Handler handler) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");

  /** Checks the name and that nothing is missing. */
  public MemkitTool {
    if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
      throw new IllegalArgumentException("tool name must match " + NAME.pattern() + ": " + name);
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(hints, "hints");
    Objects.requireNonNull(handler, "handler");
  }

  /** Whether calling it changes data (so a read-only key may not). */
  public boolean writes() {
    return !hints.readOnly();
  }

  /** The names of the arguments it takes. */
  Set<String> argumentNames() {
    return input.get("properties").map(p -> ((JsonObject) p).members().keySet()).orElse(Set.of());
  }

  /**
   * The MCP behaviour hints of a tool.
   *
   * @param readOnly it changes nothing
   * @param destructive it may overwrite or delete what is there (only meaningful when it writes)
   * @param idempotent calling it again with the same arguments changes nothing more
   */
  record Hints(boolean readOnly, boolean destructive, boolean idempotent) {
    /** A tool that only reads. */
    public static final Hints READ = new Hints(true, false, true);

    /** A tool that only adds. */
    public static final Hints ADD = new Hints(false, false, false);

    /** A tool that overwrites, but the same call twice leaves the same result. */
    public static final Hints OVERWRITE = new Hints(false, true, true);
  }

  /** What a tool does: reads its arguments, calls the use cases, returns the result's JSON. */
  @FunctionalInterface
  interface Handler {
    /**
     * Runs the call in {@code space}.
     *
     * @throws dev.memkit.core.error.MemoryException when the arguments or the data refuse it
     */
    JsonValue.JsonObject call(Space space, Args args);
  }
}
