package dev.memkit.core.port.in;

import dev.memkit.core.model.Namespace;
import java.util.List;

/** What an import did. */
public record ImportReport(List<Namespace> namespaces, int stateEntries, int memories, int goals) {
  /** Copies the list. */
  public ImportReport {
    namespaces = List.copyOf(namespaces);
  }
}
