package dev.memkit.importer;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.jackson.JsonText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads CSV (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes written
 * twice and line breaks) whose first row names the columns: {@code text} required; {@code tags}
 * (separated by commas, semicolons or spaces), {@code created_at}, {@code kind} and {@code
 * metadata} (a JSON object) optional, in any order. Blank rows are skipped. A header naming another
 * column, or a file whose header is wrong, is refused as a whole.
 */
final class CsvReader {
  static final Set<String> COLUMNS = Set.of("text", "tags", "created_at", "kind", "metadata");

  private CsvReader() {}

  /** A row of fields and the line it starts on. */
  record Row(int line, List<String> fields) {}

  static ImportBatch read(String text) {
    BatchBuilder batch = new BatchBuilder(ImportFormat.CSV);
    List<Row> rows;
    try {
      rows = rows(text);
    } catch (ValidationException e) {
      throw new InvalidImportException(
          ImportFormat.CSV, List.of(new InvalidLine(lineOf(e), e.getMessage())));
    }
    if (rows.isEmpty()) {
      return batch.build();
    }
    Row header = rows.get(0);
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name) || columns.putIfAbsent(name, i) != null) {
        throw new InvalidImportException(
            ImportFormat.CSV,
            List.of(
                new InvalidLine(
                    header.line(),
                    "header must name each of the columns text, tags, created_at, kind, metadata at most once, and text; got '"
                        + name
                        + "'")));
      }
    }
    if (!columns.containsKey("text")) {
      throw new InvalidImportException(
          ImportFormat.CSV,
          List.of(new InvalidLine(header.line(), "header must name a text column")));
    }
    for (Row row : rows.subList(1, rows.size())) {
      if (row.fields().size() != header.fields().size()) {
        batch.invalid(
            row.line(),
            "row must have "
                + header.fields().size()
                + " fields like the header, got "
                + row.fields().size());
        continue;
      }
      batch.add(row.line(), () -> memory(row, columns));
    }
    return batch.build();
  }

  private static AddMemory memory(Row row, Map<String, Integer> columns) {
    String metadataText = field(row, columns, "metadata").orElse("");
    JsonObject metadata = JsonValue.emptyObject();
    if (!metadataText.isBlank()) {
      if (!(JsonText.parse(metadataText, "metadata") instanceof JsonObject m)) {
        throw new ValidationException("metadata", "must be a JSON object");
      }
      metadata = m;
    }
    String text =
        field(row, columns, "text")
            .filter(t -> !t.isBlank())
            .orElseThrow(
                () -> new ValidationException("text", "is required and must not be blank"));
    return Lines.record(
        text,
        JsonLinesReader.splitTags(field(row, columns, "tags").orElse("")),
        field(row, columns, "created_at"),
        field(row, columns, "kind"),
        metadata);
  }

  private static Optional<String> field(Row row, Map<String, Integer> columns, String name) {
    return Optional.ofNullable(columns.get(name)).map(i -> row.fields().get(i));
  }

  /**
   * Splits {@code text} into rows, leaving out blank ones; a quote left open is an error at its
   * line.
   */
  static List<Row> rows(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int rowLine = 1;
    int quoteLine = 0;
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        quoteLine = line;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRow(rows, fields, field, wasQuoted, rowLine);
        fields = new ArrayList<>();
        wasQuoted = false;
        line++;
        rowLine = line;
      } else if (wasQuoted) {
        throw new ValidationException(
            "line " + line,
            "has text after a closing quote; write a quote inside a quoted field as \"\"");
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new ValidationException(
          "line " + quoteLine, "opens a quoted field that is never closed");
    }
    endRow(rows, fields, field, wasQuoted, rowLine);
    return rows;
  }

  private static void endRow(
      List<Row> rows, List<String> fields, StringBuilder field, boolean wasQuoted, int line) {
    fields.add(field.toString());
    field.setLength(0);
    boolean blank = fields.size() == 1 && fields.get(0).isBlank() && !wasQuoted;
    if (!blank) {
      rows.add(new Row(line, List.copyOf(fields)));
    }
  }

  private static int lineOf(ValidationException e) {
    return Integer.parseInt(e.field().substring("line ".length()));
  }
}
