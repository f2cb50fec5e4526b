package dev.memkit.core.store.engine;

import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.Namespace;
import java.util.List;
import java.util.Optional;

/**
 * Where a store keeps its audit entries in memory; the engine numbers them and undoes appends. Not
 * thread-safe: the engine's lock guards it. A restore of a backup never touches it.
 */
public interface AuditStorage {
  /** The sequence number of the newest entry, 0 when there is none. */
  long lastSequence();

  /** Appends {@code entry}, already numbered {@link #lastSequence()} + 1. */
  void append(AuditEntry entry);

  /** Removes the newest entry (to undo an append). */
  void removeLast();

  /**
   * Entries of {@code namespace} (empty: all) matching {@code query}, newest first, at most its
   * limit.
   */
  List<AuditEntry> query(Optional<Namespace> namespace, AuditQuery query);
}
