package dev.memkit.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which audit entries to return: those whose target is {@code target} or lies under it ({@code
 * memory} matches {@code memory:12}), made within {@code range}, with a sequence below {@code
 * beforeSequence} (the cursor of the next page), at most {@code limit}, newest first. This is what
 * a store is asked; {@link dev.memkit.core.port.in.ListAudit} is what a caller asks, and the audit
 * service asks the store for one entry more than a page to know whether another follows.
 */
public record AuditQuery(
    Optional<String> target, TimeRange range, OptionalLong beforeSequence, int limit) {
  /** The latest 50 entries. */
  public static final AuditQuery LATEST =
      new AuditQuery(Optional.empty(), TimeRange.ALL, OptionalLong.empty(), 50);

  /** Checks the limit (1..1001: a page and one more) and the target's length. */
  public AuditQuery {
    Objects.requireNonNull(target, "target");
    target.ifPresent(t -> Limits.text(t, "target", Limits.AUDIT_TARGET_MAX_CHARS));
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(beforeSequence, "beforeSequence");
    Limits.page(limit, "limit", Limits.AUDIT_PAGE_MAX + 1);
  }

  /** Whether {@code entry} matches the target and time filters (not the cursor or limit). */
  public boolean matches(AuditEntry entry) {
    return target
            .map(t -> entry.target().equals(t) || entry.target().startsWith(t + ":"))
            .orElse(true)
        && range.contains(entry.at())
        && (beforeSequence.isEmpty() || entry.sequence() < beforeSequence.getAsLong());
  }

  /** Returns this query with a different limit. */
  public AuditQuery withLimit(int newLimit) {
    return new AuditQuery(target, range, beforeSequence, newLimit);
  }
}
