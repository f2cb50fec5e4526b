package dev.memkit.core.port.in;

import dev.memkit.core.model.Limits;
import dev.memkit.core.model.TimeRange;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A page of the audit log, newest first: entries whose target is {@code target} or lies under it
 * ({@code memory} matches {@code memory:12}), made within {@code range}.
 *
 * @param before only entries with a lower sequence: the {@code nextCursor} of the previous page,
 *     absent for the first
 * @param limit 1..{@link Limits#AUDIT_PAGE_MAX}
 */
public record ListAudit(Optional<String> target, TimeRange range, OptionalLong before, int limit) {
  /** The default page size. */
  public static final int DEFAULT_LIMIT = 50;

  /** Checks the limit, the target's length and the cursor. */
  public ListAudit {
    Objects.requireNonNull(target, "target");
    target.ifPresent(t -> Limits.text(t, "target", Limits.AUDIT_TARGET_MAX_CHARS));
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(before, "before");
    before.ifPresent(
        b ->
            Limits.require(
                b >= 1, "before", "must be a cursor returned by a previous page, got " + b));
    Limits.page(limit, "limit", Limits.AUDIT_PAGE_MAX);
  }

  /** The newest {@code limit} entries. */
  public static ListAudit newest(int limit) {
    return new ListAudit(Optional.empty(), TimeRange.ALL, OptionalLong.empty(), limit);
  }
}
