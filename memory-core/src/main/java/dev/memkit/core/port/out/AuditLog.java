package dev.memkit.core.port.out;

import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.Namespace;
import java.util.List;
import java.util.Optional;

/** The append-only log of changes. Entries are never changed or removed, not even by a restore. */
public interface AuditLog {
  /**
   * Appends {@code entry} and returns it with its sequence number: greater than every earlier one.
   */
  AuditEntry append(AuditEntry entry);

  /**
   * Entries of {@code namespace} (empty: every namespace) matching {@code query}, newest first (by
   * sequence, descending).
   */
  List<AuditEntry> query(Optional<Namespace> namespace, AuditQuery query);
}
