package dev.memkit.cli;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.json.JsonWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prints a command's result: one pretty JSON document with {@code --json}, else text for people.
 * Lines end with {@code \n} on every platform; the caller flushes the writer.
 */
final class Printer {
  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n\\u2028\\u2029]+\\s*");

  /** Widest text cell of a table, in characters. */
  static final int CELL_MAX = 72;

  private final PrintWriter out;
  private final boolean json;

  Printer(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** Whether {@code --json} was asked for. */
  boolean json() {
    return json;
  }

  /** Prints {@code value} as pretty JSON. */
  void json(JsonValue value) {
    line(JsonWriter.pretty(value));
  }

  /** Prints {@code text} and a line break. */
  void line(String text) {
    out.print(text);
    out.print('\n');
  }

  /** Prints {@code text} as it is. */
  void raw(String text) {
    out.print(text);
  }

  /** Prints a table: a header row, then rows, columns padded; the last column is not padded. */
  void table(List<String> headers, List<List<String>> rows, String empty) {
    if (rows.isEmpty()) {
      line(empty);
      return;
    }
    int[] widths = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
      }
    }
    for (List<String> row : all) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        b.append(cell);
        if (i < row.size() - 1) {
          b.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()) + 2));
        }
      }
      line(b.toString().stripTrailing());
    }
  }

  /** Text on one line, cut to {@code max} characters with an ellipsis. */
  static String cell(String text, int max) {
    String one = LINE_BREAKS.matcher(text).replaceAll(" ");
    if (one.codePointCount(0, one.length()) <= max) {
      return one;
    }
    return one.substring(0, one.offsetByCodePoints(0, max - 1)) + "…";
  }

  /** A JSON value for people: strings bare, anything else compact JSON. */
  static String bare(JsonValue value) {
    return value instanceof JsonValue.JsonString s ? s.value() : JsonWriter.compact(value);
  }

  /** A member of {@code record} for people ({@code -} when null or absent). */
  static String field(JsonObject record, String name) {
    JsonValue v = record.get(name).orElse(JsonValue.NULL);
    return v instanceof JsonValue.JsonNull ? "-" : bare(v);
  }

  /** An ISO-8601 time member shortened to minutes ({@code 2026-11-21 07:00}). */
  static String minute(JsonObject record, String name) {
    String t = field(record, name);
    return t.length() >= 16 && t.charAt(10) == 'T'
        ? t.substring(0, 10) + " " + t.substring(11, 16)
        : t;
  }

  /** The tags of a memory joined with commas ({@code -} when none). */
  static String tags(JsonObject memory) {
    JsonValue v = memory.get("tags").orElse(JsonValue.NULL);
    if (v instanceof JsonValue.JsonArray a && !a.values().isEmpty()) {
      List<String> names = new ArrayList<>();
      a.values().forEach(t -> names.add(bare(t)));
      return String.join(",", names);
    }
    return "-";
  }

  /** Prints the members of {@code record} as aligned {@code name: value} lines. */
  void details(JsonObject record, List<String> names) {
    int width = names.stream().mapToInt(String::length).max().orElse(0) + 1;
    for (String name : names) {
      JsonValue v = record.get(name).orElse(JsonValue.NULL);
      String text;
      if (v instanceof JsonValue.JsonObject || v instanceof JsonValue.JsonArray) {
        text = name.equals("tags") ? tags(record) : JsonWriter.compact(v);
      } else {
        text = field(record, name);
      }
      line(String.format("%-" + width + "s %s", name + ":", text));
    }
  }
}
