package dev.memkit.store.json;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.store.engine.RecordSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The journal: the changes made since the compaction before last, in segment files {@code
 * memory_journal_<first record's number>.log}. Each record is one line,
 *
 * <pre>
 * {@code <CRC32C of the JSON, 8 hex digits> {"seq":N,"last_memory_id":…,"last_goal_id":…,"changes":[…]}\n}
 * </pre>
 *
 * <p>where each change is {@code {"op":"memory.put","record":{…}}}, {@code state.put}, {@code
 * goal.put}, {@code memory.delete}, {@code state.delete}, {@code goal.delete}, {@code audit.append}
 * or {@code restore}. A record is written whole and forced to disk before the write it holds is
 * acknowledged.
 */
final class Journal {
  static final String PREFIX = "memory_journal_";
  static final String SUFFIX = ".log";
  private static final Pattern NAME =
      Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,19})" + Pattern.quote(SUFFIX));

  private Journal() {}

  /** A segment file and the number of its first record. */
  record Segment(Path path, long firstSeq) {}

  /** One record read back. */
  record Entry(long seq, long lastMemoryId, long lastGoalId, List<JsonValue.JsonObject> changes) {}

  /** The name of the segment whose first record is {@code firstSeq}. */
  static Path segmentPath(Path dir, long firstSeq) {
    return dir.resolve(String.format("%s%012d%s", PREFIX, firstSeq, SUFFIX));
  }

  /** The segments in {@code dir}, in record order. */
  static List<Segment> segments(Path dir) throws IOException {
    List<Segment> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          p -> {
            Matcher m = NAME.matcher(p.getFileName().toString());
            if (m.matches() && Files.isRegularFile(p)) {
              out.add(new Segment(p, Long.parseLong(m.group(1))));
            }
          });
    }
    out.sort((a, b) -> Long.compare(a.firstSeq(), b.firstSeq()));
    return out;
  }

  // ------------------------------------------------------------------ encoding

  /** One change: {@code {"op":op,"record":json}} with {@code json} already compact. */
  static String put(String op, String compactJson) {
    return "{\"op\":\"" + op + "\",\"record\":" + compactJson + "}";
  }

  /** One deletion: {@code {"op":op,"namespace":…,field:value}}. */
  static String delete(String op, String namespace, String field, JsonValue value) {
    return JsonValue.objectBuilder()
        .put("op", op)
        .put("namespace", namespace)
        .put(field, value)
        .build()
        .toJson();
  }

  /** The line of one record, checksum and newline included. */
  static byte[] encode(long seq, long lastMemoryId, long lastGoalId, List<String> changes) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"seq\":")
        .append(seq)
        .append(",\"last_memory_id\":")
        .append(lastMemoryId)
        .append(",\"last_goal_id\":")
        .append(lastGoalId)
        .append(",\"changes\":[");
    for (int i = 0; i < changes.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(changes.get(i));
    }
    json.append("]}");
    byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(body, 0, body.length);
    byte[] line = new byte[9 + body.length + 1];
    long checksum = crc.getValue();
    for (int i = 7; i >= 0; i--) {
      line[i] = (byte) Character.forDigit((int) (checksum & 0xF), 16);
      checksum >>>= 4;
    }
    line[8] = ' ';
    System.arraycopy(body, 0, line, 9, body.length);
    line[line.length - 1] = '\n';
    return line;
  }

  /**
   * Decodes one line (without its newline).
   *
   * @throws IllegalArgumentException saying what is wrong when the checksum does not match or the
   *     JSON is not a journal record
   */
  static Entry decode(byte[] line, int length) {
    if (length < 11 || line[8] != ' ') {
      throw new IllegalArgumentException("is not a checksum and a JSON record");
    }
    long expected;
    try {
      expected = Long.parseLong(new String(line, 0, 8, StandardCharsets.US_ASCII), 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("has no checksum");
    }
    CRC32C crc = new CRC32C();
    crc.update(line, 9, length - 9);
    if (crc.getValue() != expected) {
      throw new IllegalArgumentException("has a bad checksum");
    }
    try {
      RecordJson.Fields f = RecordJson.Fields.of(SnapshotFile.parse(line, 9, length - 9), "");
      List<JsonValue.JsonObject> changes = new ArrayList<>();
      for (JsonValue c : f.array("changes")) {
        if (!(c instanceof JsonValue.JsonObject o) || o.string("op").isEmpty()) {
          throw new IllegalArgumentException("has a change without an \"op\"");
        }
        changes.add(o);
      }
      return new Entry(
          f.positiveLong("seq"),
          SnapshotFile.nonNegative(f, "last_memory_id"),
          SnapshotFile.nonNegative(f, "last_goal_id"),
          changes);
    } catch (ValidationException e) {
      throw new IllegalArgumentException("is not a journal record: " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------ applying

  /**
   * Applies one record change ({@code state.put}, {@code memory.put}, {@code goal.put} or a
   * deletion) to {@code data}.
   *
   * @return false for a change that is not a record's ({@code audit.append}, {@code restore}, or
   *     unknown)
   * @throws RuntimeException saying what is wrong when the change is malformed
   */
  static boolean apply(RecordSet data, JsonValue.JsonObject change) {
    switch (change.string("op").orElse("")) {
      case "state.put" ->
          data.putState(
              RecordJson.readState(record(change), namespaceOf(record(change)), "record"));
      case "memory.put" ->
          data.putMemory(
              RecordJson.readMemory(record(change), namespaceOf(record(change)), "record"));
      case "goal.put" ->
          data.putGoal(RecordJson.readGoal(record(change), namespaceOf(record(change)), "record"));
      case "state.delete" ->
          data.removeState(namespaceOf(change), StateKey.of(change.string("key").orElse("")));
      case "memory.delete" -> data.removeMemory(id(change));
      case "goal.delete" -> data.removeGoal(id(change));
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The {@code record} of a change. */
  static JsonValue record(JsonValue.JsonObject change) {
    return change.get("record").orElseThrow(() -> new IllegalArgumentException("has no record"));
  }

  private static Namespace namespaceOf(JsonValue json) {
    if (json instanceof JsonValue.JsonObject o && o.string("namespace").isPresent()) {
      return Namespace.of(o.string("namespace").get());
    }
    throw new IllegalArgumentException("has no namespace");
  }

  private static long id(JsonValue.JsonObject change) {
    return RecordJson.Fields.of(change, "change").positiveLong("id");
  }

  // ------------------------------------------------------------------ reading

  /** Receives the records of a scan, good and bad, in file order. */
  interface Visitor {
    /** Record {@code entry}, bytes {@code start} to {@code end} of its segment. */
    void good(Entry entry, long start, long end);

    /**
     * A damaged record from byte {@code start}: a line that does not decode, or bytes with no end
     * of line.
     */
    void bad(long start, String problem);
  }

  /** Reads {@code file} line by line, telling {@code visitor} what each line holds. */
  static void scan(Path file, Visitor visitor) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[1 << 16];
      ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
      long chunkStart = 0;
      long lineStart = 0;
      int n;
      while ((n = in.read(chunk)) > 0) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] != '\n') {
            continue;
          }
          line.write(chunk, from, i - from);
          from = i + 1;
          byte[] bytes = line.toByteArray();
          line.reset();
          long end = chunkStart + i + 1;
          Entry entry = null;
          String problem = null;
          try {
            entry = decode(bytes, bytes.length);
          } catch (IllegalArgumentException e) {
            problem = e.getMessage();
          }
          if (entry != null) {
            visitor.good(entry, lineStart, end);
          } else {
            visitor.bad(lineStart, "the record at byte " + lineStart + " " + problem);
          }
          lineStart = end;
        }
        line.write(chunk, from, n - from);
        chunkStart += n;
      }
      if (line.size() > 0) {
        visitor.bad(
            lineStart,
            "the record at byte "
                + lineStart
                + " is cut short ("
                + line.size()
                + " bytes without an end of line)");
      }
    }
  }
}
