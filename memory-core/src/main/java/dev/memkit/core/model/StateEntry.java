package dev.memkit.core.model;

import dev.memkit.core.json.JsonValue;
import java.time.Instant;
import java.util.Objects;

/**
 * A named JSON value in a namespace. {@code version} starts at 1 and grows by one on every write,
 * so a caller can compare-and-set.
 */
public record StateEntry(
    Namespace namespace, StateKey key, JsonValue value, long version, Instant updatedAt) {
  /** Checks the value's size and that the version is positive. */
  public StateEntry {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(key, "key");
    Limits.json(value, "value", Limits.STATE_VALUE_MAX_BYTES);
    Limits.require(version >= 1, "version", "must be at least 1, got " + version);
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
