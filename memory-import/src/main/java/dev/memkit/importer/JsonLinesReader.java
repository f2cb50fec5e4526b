package dev.memkit.importer;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.port.in.AddMemory;
import java.util.Arrays;
import java.util.List;

/**
 * Reads JSON Lines of {@code {"text", "tags", "created_at", "kind", "metadata"}}: {@code text}
 * required; {@code tags} an array of strings (or one string of comma-separated tags); {@code
 * metadata} an object. Other members are ignored; blank lines are skipped.
 */
final class JsonLinesReader {
  private JsonLinesReader() {}

  static ImportBatch read(String text) {
    return BatchBuilder.eachLine(ImportFormat.JSONL, text, line -> memory(Fields.object(line)));
  }

  private static AddMemory memory(JsonObject o) {
    List<String> tags =
        o.get("tags")
            .filter(JsonValue.JsonString.class::isInstance)
            .map(v -> splitTags(((JsonValue.JsonString) v).value()))
            .orElseGet(() -> Fields.strings(o, "tags"));
    JsonObject metadata =
        o.get("metadata")
            .filter(v -> v != JsonValue.NULL)
            .map(
                v -> {
                  if (v instanceof JsonObject m) {
                    return m;
                  }
                  throw new ValidationException("metadata", "must be a JSON object");
                })
            .orElse(JsonValue.emptyObject());
    return Lines.record(
        Fields.required(o, "text"),
        tags,
        Fields.optional(o, "created_at"),
        Fields.optional(o, "kind"),
        metadata);
  }

  /** Tags written in one string, separated by commas, semicolons or white space. */
  static List<String> splitTags(String tags) {
    return Arrays.stream(tags.split("[,;\\s]+")).filter(t -> !t.isEmpty()).toList();
  }
}
