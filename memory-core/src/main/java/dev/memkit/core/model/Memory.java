package dev.memkit.core.model;

import dev.memkit.core.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of the memory log.
 *
 * @param id assigned by the store, increasing
 * @param namespace whose memory it is
 * @param text 1..32768 characters, not blank
 * @param tags 0..32 tags, no two the same ignoring case, in the order given
 * @param kind {@code note} unless said otherwise
 * @param metadata a JSON object of at most 16 KiB
 * @param occurredAt when the remembered thing happened, if the writer said
 * @param key the client's idempotency key, if any
 * @param createdAt when the memory was stored
 * @param updatedAt when it last changed
 */
public record Memory(
    MemoryId id,
    Namespace namespace,
    String text,
    List<Tag> tags,
    Kind kind,
    JsonValue.JsonObject metadata,
    Optional<Instant> occurredAt,
    Optional<MemoryKey> key,
    Instant createdAt,
    Instant updatedAt) {

  /** Checks every limit of a memory. */
  public Memory {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(namespace, "namespace");
    Limits.text(text, "text", Limits.MEMORY_TEXT_MAX_CHARS);
    tags = checkTags(tags);
    Limits.required(kind, "kind");
    Limits.json(Limits.required(metadata, "metadata"), "metadata", Limits.METADATA_MAX_BYTES);
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Checks a tag list: at most 32, no duplicates ignoring case; returns an immutable copy. */
  public static List<Tag> checkTags(List<Tag> tags) {
    Limits.required(tags, "tags");
    Limits.require(
        tags.size() <= Limits.TAGS_MAX,
        "tags",
        "must have at most " + Limits.TAGS_MAX + " tags, got " + tags.size());
    Set<String> seen = new HashSet<>();
    List<Tag> copy = new ArrayList<>(tags.size());
    for (Tag tag : tags) {
      Limits.required(tag, "tags");
      Limits.require(
          seen.add(tag.normalized()),
          "tags",
          "must not repeat a tag (ignoring case): '" + tag + "'");
      copy.add(tag);
    }
    return List.copyOf(copy);
  }

  /** Whether this memory carries {@code tag}, ignoring case. */
  public boolean hasTag(Tag tag) {
    return tags.stream().anyMatch(tag::sameAs);
  }

  /** The time this memory is about: {@link #occurredAt()} when given, else {@link #createdAt()}. */
  public Instant effectiveTime() {
    return occurredAt.orElse(createdAt);
  }

  /** The tags joined by commas, as the seed's routes show them. */
  public String tagsJoined() {
    return String.join(",", tags.stream().map(Tag::value).toList());
  }
}
