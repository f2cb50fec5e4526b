package dev.memkit.core.service;

import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditPage;
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.Limits;
import dev.memkit.core.port.in.AuditUseCase;
import dev.memkit.core.port.in.ListAudit;
import java.util.List;
import java.util.Optional;

/** Reads the audit log of one namespace. */
public final class AuditService implements AuditUseCase {
  private final ServiceContext context;

  /** Serves the audit log of {@code context}'s namespace. */
  public AuditService(ServiceContext context) {
    this.context = context;
  }

  @Override
  public AuditPage list(ListAudit query) {
    Limits.required(query, "query");
    // one entry more than the page: whether it comes back says whether another page follows
    AuditQuery ask =
        new AuditQuery(query.target(), query.range(), query.before(), query.limit() + 1);
    List<AuditEntry> entries =
        context.store().read(tx -> tx.audit().query(Optional.of(context.namespace()), ask));
    if (entries.size() > query.limit()) {
      List<AuditEntry> page = entries.subList(0, query.limit());
      return new AuditPage(page, Optional.of(Long.toString(page.get(page.size() - 1).sequence())));
    }
    return new AuditPage(entries, Optional.empty());
  }
}
