package dev.memkit.importer;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.model.Tag;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The file formats memkit imports memories from; each names itself in the tag {@code source:<id>}.
 */
public enum ImportFormat {
  /**
   * The {@code memory.jsonl} of the MCP reference memory server
   * ({@code @modelcontextprotocol/server-memory}): one JSON object a line, {@code
   * {"type":"entity","name","entityType","observations":[…]}} or {@code
   * {"type":"relation","from","to","relationType"}}.
   */
  MCP_MEMORY("mcp-memory"),
  /**
   * JSON Lines: one object a line with {@code text} and optional {@code tags, created_at, kind,
   * metadata}.
   */
  JSONL("jsonl"),
  /**
   * CSV with a header row naming the columns {@code text} and optional {@code tags, created_at,
   * kind, metadata}.
   */
  CSV("csv");

  private final String id;

  ImportFormat(String id) {
    this.id = id;
  }

  /** The name of the format on the command line and in tags, e.g. {@code mcp-memory}. */
  public String id() {
    return id;
  }

  /** The tag every memory imported from this format carries: {@code source:<id>}. */
  public Tag sourceTag() {
    return Tag.of("source:" + id);
  }

  /**
   * The format named {@code name} (case-insensitive).
   *
   * @throws ValidationException naming the formats there are, when it is none of them
   */
  public static ImportFormat parse(String name) {
    for (ImportFormat format : values()) {
      if (format.id.equals(name == null ? null : name.trim().toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new ValidationException(
        "from",
        "must be one of "
            + Arrays.stream(values()).map(ImportFormat::id).collect(Collectors.joining(", "))
            + ", got '"
            + name
            + "'");
  }

  @Override
  public String toString() {
    return id;
  }
}
