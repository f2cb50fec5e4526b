package dev.memkit.core.service;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What every service of one namespace works with: the store, the namespace, who is acting and the
 * clock. Also writes the audit entry of each change, so no service can forget the diff.
 */
public record ServiceContext(Store store, Namespace namespace, Actor actor, Clock clock) {
  /** Rejects missing parts. */
  public ServiceContext {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(clock, "clock");
  }

  /** The current time, to the millisecond (what every store keeps). */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Appends the audit entry of a change in this context's namespace, with its diff. */
  AuditEntry audit(
      StoreTransaction tx,
      String action,
      String target,
      Optional<? extends JsonValue> before,
      Optional<? extends JsonValue> after) {
    return audit(tx, namespace, action, target, before, after);
  }

  /** Appends the audit entry of a change in {@code ns}, with its diff. */
  AuditEntry audit(
      StoreTransaction tx,
      Namespace ns,
      String action,
      String target,
      Optional<? extends JsonValue> before,
      Optional<? extends JsonValue> after) {
    String diff =
        UnifiedDiff.diff(
            target,
            before.map(JsonWriter::pretty).orElse(null),
            after.map(JsonWriter::pretty).orElse(null));
    AuditEntry entry =
        new AuditEntry(
            0,
            now(),
            ns,
            actor,
            action,
            target,
            before.map(JsonValue.class::cast),
            after.map(JsonValue.class::cast),
            diff);
    return tx.audit().append(entry);
  }
}
