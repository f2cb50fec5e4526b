package dev.memkit.core.port.in;

import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditQuery;
import java.util.List;

/** Reads the audit log of one namespace. */
public interface AuditUseCase {
  /** Entries matching {@code query}, newest first. */
  List<AuditEntry> query(AuditQuery query);
}
