package dev.memkit.core.port.in;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes to a memory: each present field replaces the memory's; absent fields stay. At least one
 * field must be present.
 */
public record UpdateMemory(
    Optional<String> text,
    Optional<List<Tag>> tags,
    Optional<Kind> kind,
    Optional<JsonValue.JsonObject> metadata,
    Optional<Instant> occurredAt) {

  /** Checks each present field, and that there is at least one. */
  public UpdateMemory {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(occurredAt, "occurredAt");
    text.ifPresent(t -> Limits.text(t, "text", Limits.MEMORY_TEXT_MAX_CHARS));
    tags = tags.map(Memory::checkTags);
    metadata.ifPresent(m -> Limits.json(m, "metadata", Limits.METADATA_MAX_BYTES));
    Limits.require(
        text.isPresent()
            || tags.isPresent()
            || kind.isPresent()
            || metadata.isPresent()
            || occurredAt.isPresent(),
        "update",
        "must change at least one of text, tags, kind, metadata, occurred_at");
  }

  /** An update of the text only. */
  public static UpdateMemory text(String text) {
    return new UpdateMemory(
        Optional.of(text), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
