package dev.memkit.importer;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.in.AddMemory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What every format's reader shares: decoding, line splitting, tags, times and the content key. */
final class Lines {
  private Lines() {}

  /** {@code bytes} as UTF-8 text without a byte-order mark; invalid UTF-8 is refused. */
  static String decode(byte[] bytes) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new ValidationException("file", "must be UTF-8 text");
    }
  }

  /**
   * The lines of {@code text}, split at LF or CRLF; line {@code i} of the file is element {@code i
   * - 1}.
   */
  static List<String> split(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    return lines;
  }

  /**
   * {@code prefix + value} as a tag: characters a tag may not hold become {@code _}, and it is cut
   * to 64 characters. The untouched value belongs in metadata.
   */
  static Tag tag(String prefix, String value) {
    StringBuilder out = new StringBuilder(prefix);
    value
        .strip()
        .codePoints()
        .forEach(
            c ->
                out.appendCodePoint(
                    Character.isLetterOrDigit(c) || "_.:/-".indexOf(c) >= 0 ? c : '_'));
    int end = out.offsetByCodePoints(0, Math.min(64, out.codePointCount(0, out.length())));
    return Tag.of(out.substring(0, end));
  }

  /** {@code tags} without repeats (ignoring case), in order, the source tag first. */
  static List<Tag> withSource(ImportFormat format, List<Tag> tags) {
    List<Tag> all = new ArrayList<>();
    all.add(format.sourceTag());
    all.addAll(tags);
    return unique(all);
  }

  /** {@code tags} without repeats (ignoring case), the first of each kept, in order. */
  static List<Tag> unique(List<Tag> tags) {
    Map<String, Tag> unique = new LinkedHashMap<>();
    for (Tag tag : tags) {
      unique.putIfAbsent(tag.normalized(), tag);
    }
    return List.copyOf(unique.values());
  }

  /**
   * The memory of a generic record {@code {text, tags, created_at, kind, metadata}} (JSON Lines and
   * CSV): {@code created_at}, the time the remembered thing happened, becomes the memory's {@code
   * occurred_at}; the store sets its own {@code created_at}.
   */
  static AddMemory record(
      String text,
      List<String> tags,
      Optional<String> createdAt,
      Optional<String> kind,
      JsonValue.JsonObject metadata) {
    AddMemory memory =
        AddMemory.of(text)
            .withTags(unique(tags.stream().map(Tag::of).toList()))
            .withMetadata(metadata);
    if (kind.isPresent() && !kind.get().isBlank()) {
      memory = memory.withKind(Kind.of(kind.get().strip()));
    }
    if (createdAt.isPresent() && !createdAt.get().isBlank()) {
      memory = memory.withOccurredAt(time(createdAt.get().strip(), "created_at"));
    }
    return memory;
  }

  /** A time written as an ISO-8601 instant, an offset date-time, or a date (midnight UTC). */
  static Instant time(String text, String field) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notDateTime) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notDate) {
        throw new ValidationException(
            field,
            "must be an ISO-8601 time such as 2025-03-01T09:30:00Z or a date such as 2025-03-01: '"
                + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                + "'");
      }
    }
  }

  /**
   * {@code memory} with its client key: {@code import:} and the SHA-256 of the format and the
   * memory's content (text, tags, kind, metadata, time), so the same content imported again from
   * the same format finds the memory stored the first time.
   */
  static AddMemory keyed(ImportFormat format, AddMemory memory) {
    JsonValue content =
        JsonValue.objectBuilder()
            .put("format", format.id())
            .put("text", memory.text())
            .putStrings("tags", memory.tags().stream().map(Tag::value).toList())
            .put("kind", memory.kind().value())
            .put("metadata", memory.metadata())
            .putNullable("occurred_at", memory.occurredAt().map(RecordJson::time))
            .build();
    return memory.withKey(MemoryKey.of("import:" + sha256(JsonWriter.compact(content))));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
