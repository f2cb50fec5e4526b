package dev.memkit.core.port.in;

import dev.memkit.core.model.AuditPage;

/** Reads the audit log of one namespace. */
public interface AuditUseCase {
  /**
   * A page of entries matching {@code query}, newest first; its next cursor is present only when
   * more entries match.
   */
  AuditPage list(ListAudit query);
}
