package dev.memkit.mcp;

import static dev.memkit.mcp.Schema.object;

import dev.memkit.core.Space;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryPage;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.mcp.MemkitTool.Hints;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the tool families share: the schemas of ids, lists and pages, the search mode argument, the
 * results of a delete and of a list, a memory lookup, and the renaming of a core field to the
 * argument a model passed.
 */
final class ToolParts {
  /** The hints of a tool that deletes for good. */
  static final Hints DELETE = new Hints(false, true, true);

  /** The output schema of a delete. */
  static final JsonObject DELETED = object().required("deleted", Schema.plain("boolean")).open();

  private ToolParts() {}

  static JsonObject searchModeSchema() {
    return Schema.oneOf(
        "How to match: hybrid (words and meaning), keyword (words only) or semantic (meaning only); "
            + "default: hybrid when the server has an embedding model, else keyword",
        Arrays.stream(SearchMode.values()).map(SearchMode::value).toList());
  }

  static Memory findMemory(Space space, long id) {
    return space
        .memories()
        .find(MemoryId.of(id))
        .orElseThrow(() -> new NotFoundException("memory " + id));
  }

  static JsonObject deleted() {
    return JsonValue.objectBuilder().put("deleted", true).build();
  }

  static JsonObject items(JsonObject item) {
    return object().required("items", Schema.arrayOf(item)).open();
  }

  static JsonObject page(JsonObject item) {
    return object()
        .required("items", Schema.arrayOf(item))
        .required("next_cursor", Schema.nullable("string"))
        .open();
  }

  static JsonObject itemsOf(List<? extends JsonValue> items) {
    return JsonValue.objectBuilder().put("items", JsonValue.array(items)).build();
  }

  static JsonObject pageOf(MemoryPage page) {
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
