package dev.memkit.core.port.in;

import dev.memkit.core.model.Namespace;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which namespaces to export.
 *
 * @param namespaces the namespaces; empty: every namespace in the store
 */
public record ExportNamespaces(Set<Namespace> namespaces) {
  /** Every namespace in the store. */
  public static final ExportNamespaces ALL = new ExportNamespaces(Set.of());

  /** Copies the set, in namespace order. */
  public ExportNamespaces {
    Objects.requireNonNull(namespaces, "namespaces");
    namespaces = Collections.unmodifiableSortedSet(new TreeSet<>(namespaces));
  }

  /** Exactly {@code namespaces}. */
  public static ExportNamespaces of(Namespace... namespaces) {
    return new ExportNamespaces(new TreeSet<>(List.of(namespaces)));
  }
}
