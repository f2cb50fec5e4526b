package dev.memkit.store.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.store.engine.FrozenRecords;
import dev.memkit.core.store.engine.RecordSet;
import dev.memkit.jackson.JsonText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * {@code memory.json} and the {@code memory_backup_*.json} files: the core's export document
 * ({@code "format": "memkit-export"}), pretty-printed exactly as {@link JsonWriter#pretty} prints
 * it, with a {@code "store"} member before {@code "namespaces"} holding what the store needs to
 * resume: the last journal record folded in, the id counters and why the file was written. Any such
 * file can be imported with {@code memkit import} as it is.
 *
 * <p>Files are written and read as streams, so neither needs the whole document in memory twice.
 */
final class SnapshotFile {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(Limits.JSON_MAX_DEPTH + 16)
                  .maxNumberLength(1000)
                  .maxStringLength(Integer.MAX_VALUE)
                  .build())
          .build();

  private SnapshotFile() {}

  /**
   * What the {@code "store"} member says.
   *
   * @param auditSeq the last audit sequence the data reflects; -1 in files written before it was
   *     kept
   */
  record Header(
      long journalSeq, long auditSeq, long lastMemoryId, long lastGoalId, String reason) {}

  /** A snapshot read back: its header and its data. */
  record Loaded(Header header, RecordSet data) {}

  /**
   * What a snapshot file holds, copied under the record engine's lock and written out without it.
   *
   * @param journalSeq the last journal record the records reflect
   * @param auditSeq the last audit sequence they reflect
   * @param records the records
   */
  record Frozen(long journalSeq, long auditSeq, FrozenRecords records) {}

  /** A snapshot file that cannot be read: not JSON, cut short, or a record breaking a rule. */
  static final class DamagedException extends Exception {
    private static final long serialVersionUID = 1L;

    DamagedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  // ------------------------------------------------------------------ writing

  /**
   * Writes {@code frozen} to {@code file} (created or truncated) and forces it to disk. The caller
   * renames it into place.
   */
  static void write(Path file, Frozen frozen, String reason, Instant writtenAt, boolean fsync)
      throws IOException {
    try {
      writeOut(file, frozen, reason, writtenAt, fsync);
    } catch (IOException | RuntimeException e) {
      // A disk that filled up mid-way should not stay full of a half-written temp file.
      Files.deleteIfExists(file);
      throw e;
    }
  }

  private static void writeOut(
      Path file, Frozen frozen, String reason, Instant writtenAt, boolean fsync)
      throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      Writer out =
          new BufferedWriter(
              new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
              1 << 16);
      out.write("{\n");
      member(out, 1, "format", JsonValue.of(RecordJson.EXPORT_FORMAT), true);
      member(out, 1, "version", JsonValue.of(RecordJson.EXPORT_VERSION), true);
      member(out, 1, "exported_at", RecordJson.time(writtenAt), true);
      member(
          out,
          1,
          "store",
          JsonValue.objectBuilder()
              .put("journal_seq", frozen.journalSeq())
              .put("audit_seq", frozen.auditSeq())
              .put("last_memory_id", frozen.records().lastMemoryId())
              .put("last_goal_id", frozen.records().lastGoalId())
              .put("reason", reason)
              .build(),
          true);
      indent(out, 1);
      out.write("\"namespaces\": ");
      List<FrozenRecords.OfNamespace> namespaces = frozen.records().namespaces();
      if (namespaces.isEmpty()) {
        out.write("[]");
      } else {
        out.write("[\n");
        for (int i = 0; i < namespaces.size(); i++) {
          FrozenRecords.OfNamespace s = namespaces.get(i);
          indent(out, 2);
          out.write("{\n");
          member(out, 3, "namespace", JsonValue.of(s.namespace().value()), true);
          array(out, 3, "state", s.state(), RecordJson::state, true);
          array(out, 3, "memories", s.memories(), RecordJson::memory, true);
          array(out, 3, "goals", s.goals(), RecordJson::goal, false);
          indent(out, 2);
          out.write(i + 1 < namespaces.size() ? "},\n" : "}\n");
        }
        indent(out, 1);
        out.write("]");
      }
      out.write("\n}\n");
      out.flush();
      if (fsync) {
        channel.force(true);
      }
    }
  }

  private static void indent(Writer out, int depth) throws IOException {
    for (int i = 0; i < depth; i++) {
      out.write("  ");
    }
  }

  private static void member(Writer out, int depth, String name, JsonValue value, boolean comma)
      throws IOException {
    indent(out, depth);
    StringBuilder quoted = new StringBuilder();
    JsonWriter.quote(name, quoted);
    out.write(quoted.toString());
    out.write(": ");
    writeIndented(out, depth, value);
    out.write(comma ? ",\n" : "\n");
  }

  /** Pretty JSON of {@code value} as it appears nested {@code depth} levels deep. */
  private static void writeIndented(Writer out, int depth, JsonValue value) throws IOException {
    // Pretty output has raw line breaks only between tokens (strings escape theirs), so indenting
    // every line break nests it exactly as printing the whole document would.
    String pretty = JsonWriter.pretty(value);
    String pad = "  ".repeat(depth);
    int from = 0;
    int nl;
    while ((nl = pretty.indexOf('\n', from)) >= 0) {
      out.write(pretty, from, nl + 1 - from);
      out.write(pad);
      from = nl + 1;
    }
    out.write(pretty, from, pretty.length() - from);
  }

  private static <T> void array(
      Writer out,
      int depth,
      String name,
      List<T> records,
      Function<T, JsonValue> json,
      boolean comma)
      throws IOException {
    indent(out, depth);
    out.write('"' + name + "\": ");
    if (records.isEmpty()) {
      out.write("[]");
    } else {
      out.write("[\n");
      for (int i = 0; i < records.size(); i++) {
        indent(out, depth + 1);
        writeIndented(out, depth + 1, json.apply(records.get(i)));
        out.write(i + 1 < records.size() ? ",\n" : "\n");
      }
      indent(out, depth);
      out.write("]");
    }
    out.write(comma ? ",\n" : "\n");
  }

  // ------------------------------------------------------------------ reading

  /** Reads only the {@code "store"} member of {@code file}, stopping there. */
  static Header readHeader(Path file) throws IOException, DamagedException {
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = FACTORY.createParser(in)) {
      return read(p, file, null).header();
    } catch (ValidationException | IllegalStateException e) {
      throw new DamagedException(file.getFileName() + ": " + e.getMessage(), e);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new DamagedException(
          file.getFileName() + " is not valid JSON: " + firstLine(e.getMessage()), e);
    }
  }

  /** Reads all of {@code file}. */
  static Loaded load(Path file) throws IOException, DamagedException {
    RecordSet data = new RecordSet();
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = FACTORY.createParser(in)) {
      Loaded loaded = read(p, file, data);
      if (p.nextToken() != null) {
        throw new DamagedException(file.getFileName() + " has content after the document", null);
      }
      return loaded;
    } catch (ValidationException | IllegalStateException e) {
      throw new DamagedException(file.getFileName() + ": " + e.getMessage(), e);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new DamagedException(
          file.getFileName() + " is not valid JSON: " + firstLine(e.getMessage()), e);
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Reads the document; with {@code data} null, stops after the header. */
  private static Loaded read(JsonParser p, Path file, RecordSet data)
      throws IOException, DamagedException {
    expect(p.nextToken(), JsonToken.START_OBJECT, file, "the document");
    Header header = null;
    boolean formatSeen = false;
    boolean namespacesSeen = false;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "format" -> {
          if (value != JsonToken.VALUE_STRING || !RecordJson.EXPORT_FORMAT.equals(p.getText())) {
            throw damaged(file, "\"format\" is not \"" + RecordJson.EXPORT_FORMAT + "\"");
          }
          formatSeen = true;
        }
        case "version" -> {
          if (value != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != RecordJson.EXPORT_VERSION) {
            throw damaged(file, "\"version\" is not " + RecordJson.EXPORT_VERSION);
          }
        }
        case "store" -> {
          header = header(readValue(p, value), file);
          if (data == null) {
            return new Loaded(header, null);
          }
        }
        case "namespaces" -> {
          if (header == null) {
            throw damaged(file, "has no \"store\" member before \"namespaces\"");
          }
          expect(value, JsonToken.START_ARRAY, file, "\"namespaces\"");
          int i = 0;
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(e, JsonToken.START_OBJECT, file, "namespaces[" + i + "]");
            readNamespace(p, file, data, "namespaces[" + i + "]");
            i++;
          }
          namespacesSeen = true;
        }
        default -> p.skipChildren();
      }
    }
    expect(t, JsonToken.END_OBJECT, file, "the document");
    if (!formatSeen || header == null || (data != null && !namespacesSeen)) {
      throw damaged(file, "lacks \"format\", \"store\" or \"namespaces\"");
    }
    if (data != null) {
      data.keepIdsAbove(header.lastMemoryId(), header.lastGoalId());
    }
    return new Loaded(header, data);
  }

  private static void readNamespace(JsonParser p, Path file, RecordSet data, String path)
      throws IOException, DamagedException {
    Namespace ns = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("namespace")) {
        if (value != JsonToken.VALUE_STRING) {
          throw damaged(file, path + ".namespace is not a string");
        }
        ns = Namespace.of(p.getText());
        continue;
      }
      if (!name.equals("state") && !name.equals("memories") && !name.equals("goals")) {
        p.skipChildren();
        continue;
      }
      if (ns == null) {
        throw damaged(file, path + " lists records before its \"namespace\"");
      }
      expect(value, JsonToken.START_ARRAY, file, path + "." + name);
      int i = 0;
      JsonToken e;
      while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
        JsonValue record = readValue(p, e);
        String at = path + "." + name + "[" + i + "]";
        switch (name) {
          case "state" -> data.putState(RecordJson.readState(record, ns, at));
          case "memories" -> data.putMemory(RecordJson.readMemory(record, ns, at));
          default -> data.putGoal(RecordJson.readGoal(record, ns, at));
        }
        i++;
      }
    }
    expect(t, JsonToken.END_OBJECT, file, path);
  }

  private static Header header(JsonValue json, Path file) throws DamagedException {
    RecordJson.Fields f = RecordJson.Fields.of(json, "store");
    return new Header(
        nonNegative(f, "journal_seq"),
        f.optional("audit_seq").isPresent() ? nonNegative(f, "audit_seq") : -1,
        nonNegative(f, "last_memory_id"),
        nonNegative(f, "last_goal_id"),
        f.optionalString("reason").orElse("unknown"));
  }

  static long nonNegative(RecordJson.Fields f, String name) {
    JsonValue v = f.value(name);
    if (v instanceof JsonValue.JsonNumber n) {
      try {
        long l = n.value().longValueExact();
        if (l >= 0) {
          return l;
        }
      } catch (ArithmeticException e) {
        // reported below
      }
    }
    throw new ValidationException(f.path(name), "must be a whole number of at least 0");
  }

  private static void expect(JsonToken actual, JsonToken expected, Path file, String what)
      throws DamagedException {
    if (actual != expected) {
      throw damaged(
          file,
          what + " is cut short or malformed (expected " + expected + ", found " + actual + ")");
    }
  }

  private static DamagedException damaged(Path file, String message) {
    return new DamagedException(file.getFileName() + ": " + message, null);
  }

  /** A parser over {@code bytes} with the store's limits. */
  static JsonParser parser(byte[] bytes) throws IOException {
    return FACTORY.createParser(bytes);
  }

  /**
   * Parses one JSON value from {@code bytes} (a journal or audit line). Records are nested a few
   * levels inside these lines, so the depth allowed is the core's limit plus that headroom.
   *
   * @throws IllegalArgumentException saying what is wrong when it is not one JSON value
   */
  static JsonValue parse(byte[] bytes, int offset, int length) {
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      JsonValue value = readValue(p, p.nextToken());
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("has content after its JSON value");
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException("is not valid JSON: " + firstLine(e.getMessage()), e);
    }
  }

  /** Reads the value starting at {@code token} into a {@link JsonValue}. */
  static JsonValue readValue(JsonParser p, JsonToken token) throws IOException {
    return JsonText.readValue(p, token);
  }
}
