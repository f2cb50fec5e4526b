package dev.memkit.core.port.out;

import dev.memkit.core.model.Namespace;
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
}
