package dev.memkit.importer;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.Kind;
import dev.memkit.core.port.in.AddMemory;
import java.util.List;

/**
 * Reads the MCP reference memory server's {@code memory.jsonl}. Each entity becomes a memory of
 * kind {@code entity}: its text the name and type, then one observation a line; its tags {@code
 * entity:<name>} and {@code type:<entityType>}. Each relation becomes a memory of kind {@code
 * relation}: its text {@code <from> <relationType> <to>}; its tags {@code entity:<from>}, {@code
 * entity:<to>} and {@code relation:<relationType>}. The exact names are kept in metadata. Blank
 * lines are skipped, as the server does.
 */
final class McpMemoryReader {
  static final Kind ENTITY = Kind.of("entity");
  static final Kind RELATION = Kind.of("relation");

  private McpMemoryReader() {}

  static ImportBatch read(String text) {
    return BatchBuilder.eachLine(ImportFormat.MCP_MEMORY, text, McpMemoryReader::memory);
  }

  private static AddMemory memory(String line) {
    JsonObject o = Fields.object(line);
    String type = Fields.required(o, "type");
    return switch (type) {
      case "entity" -> entity(o);
      case "relation" -> relation(o);
      default ->
          throw new ValidationException("type", "must be entity or relation, got '" + type + "'");
    };
  }

  private static AddMemory entity(JsonObject o) {
    String name = Fields.required(o, "name");
    String type = Fields.required(o, "entityType");
    StringBuilder text = new StringBuilder(name).append(" (").append(type).append(')');
    for (String observation : Fields.strings(o, "observations")) {
      text.append("\n- ").append(observation);
    }
    return AddMemory.of(text.toString())
        .withKind(ENTITY)
        .withTags(List.of(Lines.tag("entity:", name), Lines.tag("type:", type)))
        .withMetadata(
            JsonValue.objectBuilder()
                .put("source", ImportFormat.MCP_MEMORY.id())
                .put("entity", name)
                .put("entity_type", type)
                .build());
  }

  private static AddMemory relation(JsonObject o) {
    String from = Fields.required(o, "from");
    String to = Fields.required(o, "to");
    String type = Fields.required(o, "relationType");
    return AddMemory.of(from + " " + type + " " + to)
        .withKind(RELATION)
        .withTags(
            Lines.unique(
                List.of(
                    Lines.tag("entity:", from),
                    Lines.tag("entity:", to),
                    Lines.tag("relation:", type))))
        .withMetadata(
            JsonValue.objectBuilder()
                .put("source", ImportFormat.MCP_MEMORY.id())
                .put("from", from)
                .put("to", to)
                .put("relation_type", type)
                .build());
  }
}
