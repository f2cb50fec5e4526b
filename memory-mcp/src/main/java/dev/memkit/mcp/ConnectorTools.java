package dev.memkit.mcp;

import static dev.memkit.mcp.Schema.object;
import static dev.memkit.mcp.ToolParts.findMemory;
import static dev.memkit.mcp.ToolParts.renamed;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.mcp.MemkitTool.Hints;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code search} and {@code fetch} tools in the shape ChatGPT connectors and deep research
 * expect: results with an id, a title and a URL, and one memory fetched by that id.
 */
final class ConnectorTools {
  private ConnectorTools() {}

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
                              .put("url", MemkitTools.MEMORY_URI + hit.memory().id().value())
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
              .put("url", MemkitTools.MEMORY_URI + id)
              .put("metadata", RecordJson.memory(m))
              .build();
        });
  }

  /** A short title for a memory: its first line, clipped. */
  private static String title(Memory m) {
    String first = m.text().strip().lines().findFirst().orElse("");
    return first.codePointCount(0, first.length()) > 80
        ? first.substring(0, first.offsetByCodePoints(0, 79)) + "…"
        : first;
  }
}
