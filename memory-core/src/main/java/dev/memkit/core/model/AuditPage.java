package dev.memkit.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of audit entries, newest first, and the cursor of the next page: present only when more
 * entries match (a full last page has none). The cursor is the sequence of the page's last entry,
 * to pass back as the next page's {@code before}.
 */
public record AuditPage(List<AuditEntry> items, Optional<String> nextCursor) {
  /** Copies the list. */
  public AuditPage {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
