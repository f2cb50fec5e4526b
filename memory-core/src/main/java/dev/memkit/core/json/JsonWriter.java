package dev.memkit.core.json;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link JsonValue}s as JSON text, compact or pretty-printed.
 *
 * <p>The output is deterministic: members in the object's order, numbers as their decimal digits,
 * strings escaped per RFC 8259 (non-ASCII characters are written as themselves). Pretty output
 * indents with two spaces and is what audit diffs compare.
 */
public final class JsonWriter {

  private JsonWriter() {}

  /** Compact JSON text of {@code value}: no whitespace between tokens. */
  public static String compact(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out, -1, 0);
    return out.toString();
  }

  /** Pretty-printed JSON text of {@code value}, two-space indented, with no trailing newline. */
  public static String pretty(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 2, 0);
    return out.toString();
  }

  /** Size in bytes of the compact UTF-8 encoding of {@code value}: what size limits measure. */
  public static int utf8Size(JsonValue value) {
    return compact(value).getBytes(StandardCharsets.UTF_8).length;
  }

  private static void write(JsonValue value, StringBuilder out, int indent, int depth) {
    if (value instanceof JsonValue.JsonNull) {
      out.append("null");
    } else if (value instanceof JsonValue.JsonBoolean b) {
      out.append(b.value());
    } else if (value instanceof JsonValue.JsonNumber n) {
      out.append(n.value().toString());
    } else if (value instanceof JsonValue.JsonString s) {
      quote(s.value(), out);
    } else if (value instanceof JsonValue.JsonArray a) {
      writeArray(a.values(), out, indent, depth);
    } else {
      writeObject(((JsonValue.JsonObject) value).members(), out, indent, depth);
    }
  }

  private static void writeArray(List<JsonValue> values, StringBuilder out, int indent, int depth) {
    if (values.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      newline(out, indent, depth + 1);
      write(values.get(i), out, indent, depth + 1);
    }
    newline(out, indent, depth);
    out.append(']');
  }

  private static void writeObject(
      Map<String, JsonValue> members, StringBuilder out, int indent, int depth) {
    if (members.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<Map.Entry<String, JsonValue>> it = members.entrySet().iterator();
    boolean first = true;
    while (it.hasNext()) {
      Map.Entry<String, JsonValue> member = it.next();
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, indent, depth + 1);
      quote(member.getKey(), out);
      out.append(indent < 0 ? ":" : ": ");
      write(member.getValue(), out, indent, depth + 1);
    }
    newline(out, indent, depth);
    out.append('}');
  }

  private static void newline(StringBuilder out, int indent, int depth) {
    if (indent < 0) {
      return;
    }
    out.append('\n');
    out.append(" ".repeat(indent * depth));
  }

  /** Appends {@code s} as a quoted, escaped JSON string. */
  public static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
