package dev.memkit.core.store.engine;

import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;

/**
 * Told every change a unit of work makes, in order, after it is made in memory: a store that
 * persists its changes (a journal) writes them down from here. Every method does nothing unless
 * overridden.
 */
public interface RecordChanges {
  /** Tells no one. */
  RecordChanges NO_ONE = new RecordChanges() {};

  /** A state entry was put. */
  default void statePut(StateEntry entry) {}

  /** A state entry was deleted. */
  default void stateDeleted(Namespace namespace, StateKey key) {}

  /** A memory was put. */
  default void memoryPut(Memory memory) {}

  /** A memory was deleted. */
  default void memoryDeleted(Namespace namespace, MemoryId id) {}

  /** A goal was put. */
  default void goalPut(Goal goal) {}

  /** A goal was deleted. */
  default void goalDeleted(Namespace namespace, GoalId id) {}

  /** An audit entry was appended to the {@link AuditStorage}, with its sequence number. */
  default void auditAppended(AuditEntry entry) {}
}
