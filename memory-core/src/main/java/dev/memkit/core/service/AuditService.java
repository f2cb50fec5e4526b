package dev.memkit.core.service;

import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.Limits;
import dev.memkit.core.port.in.AuditUseCase;
import java.util.List;
import java.util.Optional;

/** Reads the audit log of one namespace. */
public final class AuditService implements AuditUseCase {
  private final Scope scope;

  /** Serves the audit log of {@code scope}'s namespace. */
  public AuditService(Scope scope) {
    this.scope = scope;
  }

  @Override
  public List<AuditEntry> query(AuditQuery query) {
    Limits.required(query, "query");
    return scope.store().read(tx -> tx.audit().query(Optional.of(scope.namespace()), query));
  }
}
