package dev.memkit.core.port.out;

import dev.memkit.core.model.Namespace;
import java.util.Optional;
import java.util.SortedSet;

/** The records a unit of work sees, valid only while that work runs. */
public interface StoreTransaction {
  /** The state entries. */
  StateRecords state();

  /** The memory log. */
  MemoryRecords memories();

  /** The goals and their timelines. */
  GoalRecords goals();

  /** The audit log. */
  AuditLog audit();

  /** Every namespace that holds at least one state entry, memory or goal, in name order. */
  SortedSet<Namespace> namespaces();

  /**
   * The memories' embeddings, when this store keeps them (it need not: without, memkit keeps
   * vectors in memory and embeds again after each open).
   */
  default Optional<VectorRecords> vectors() {
    return Optional.empty();
  }
}
