package dev.memkit.core.port.in;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What to remember. Build with {@link #of(String)} and the {@code with…} methods. */
public record AddMemory(
    String text,
    List<Tag> tags,
    Kind kind,
    JsonValue.JsonObject metadata,
    Optional<Instant> occurredAt,
    Optional<MemoryKey> key) {

  /** Checks every limit of a memory. */
  public AddMemory {
    Limits.text(text, "text", Limits.MEMORY_TEXT_MAX_CHARS);
    tags = Memory.checkTags(tags);
    Limits.required(kind, "kind");
    Limits.json(Limits.required(metadata, "metadata"), "metadata", Limits.METADATA_MAX_BYTES);
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(key, "key");
  }

  /** A note with {@code text}, no tags, no metadata. */
  public static AddMemory of(String text) {
    return new AddMemory(
        text, List.of(), Kind.NOTE, JsonValue.emptyObject(), Optional.empty(), Optional.empty());
  }

  /** Returns this command with {@code newTags}. */
  public AddMemory withTags(String... newTags) {
    return withTags(Arrays.stream(newTags).map(Tag::of).toList());
  }

  /** Returns this command with {@code newTags}. */
  public AddMemory withTags(List<Tag> newTags) {
    return new AddMemory(text, newTags, kind, metadata, occurredAt, key);
  }

  /** Returns this command with {@code newKind}. */
  public AddMemory withKind(Kind newKind) {
    return new AddMemory(text, tags, newKind, metadata, occurredAt, key);
  }

  /** Returns this command with {@code newMetadata}. */
  public AddMemory withMetadata(JsonValue.JsonObject newMetadata) {
    return new AddMemory(text, tags, kind, newMetadata, occurredAt, key);
  }

  /** Returns this command with the time the remembered thing happened. */
  public AddMemory withOccurredAt(Instant at) {
    return new AddMemory(text, tags, kind, metadata, Optional.of(at), key);
  }

  /** Returns this command with a client idempotency key. */
  public AddMemory withKey(MemoryKey newKey) {
    return new AddMemory(text, tags, kind, metadata, occurredAt, Optional.of(newKey));
  }
}
