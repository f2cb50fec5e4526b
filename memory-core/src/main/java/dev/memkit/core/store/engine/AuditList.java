package dev.memkit.core.store.engine;

import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audit entries in a list, oldest first (entry {@code n} has sequence {@code n + 1}): the {@code
 * mem:} store's audit log.
 */
public final class AuditList implements AuditStorage {
  private final List<AuditEntry> entries = new ArrayList<>();

  /** An empty list. */
  public AuditList() {}

  @Override
  public long lastSequence() {
    return entries.size();
  }

  @Override
  public void append(AuditEntry entry) {
    entries.add(entry);
  }

  @Override
  public void removeLast() {
    entries.remove(entries.size() - 1);
  }

  @Override
  public List<AuditEntry> query(Optional<Namespace> namespace, AuditQuery query) {
    List<AuditEntry> out = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0 && out.size() < query.limit(); i--) {
      AuditEntry e = entries.get(i);
      if (namespace.map(n -> n.equals(e.namespace())).orElse(true) && query.matches(e)) {
        out.add(e);
      }
    }
    return out;
  }
}
