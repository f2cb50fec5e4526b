package dev.memkit.core.model;

import dev.memkit.core.json.JsonValue;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change, as the append-only audit log keeps it.
 *
 * @param sequence assigned by the store, increasing; 0 before the store has appended it
 * @param at when the change was made
 * @param namespace where it was made
 * @param actor who made it
 * @param action what was done, e.g. {@code state.set}, {@code memory.add}, {@code restore}
 * @param target what it was done to, e.g. {@code state:current_phase}, {@code memory:12}
 * @param before the record before the change, absent when it did not exist
 * @param after the record after the change, absent when it was deleted
 * @param diff a unified diff of the pretty-printed before and after JSON
 */
public record AuditEntry(
    long sequence,
    Instant at,
    Namespace namespace,
    Actor actor,
    String action,
    String target,
    Optional<JsonValue> before,
    Optional<JsonValue> after,
    String diff) {

  /** Rejects missing parts. */
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(diff, "diff");
  }

  /** Returns this entry with the sequence number a store assigned. */
  public AuditEntry withSequence(long assigned) {
    return new AuditEntry(assigned, at, namespace, actor, action, target, before, after, diff);
  }
}
