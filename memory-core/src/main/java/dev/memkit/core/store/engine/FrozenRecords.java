package dev.memkit.core.store.engine;

import dev.memkit.core.model.Goal;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import java.util.List;

/**
 * Every record of a {@link RecordSet} at one moment, for writing out without holding the engine's
 * lock: namespaces in name order, each with state in key order and memories and goals in id order.
 *
 * @param lastMemoryId the memory id counter
 * @param lastGoalId the goal id counter
 * @param namespaces the namespaces that hold records
 */
public record FrozenRecords(long lastMemoryId, long lastGoalId, List<OfNamespace> namespaces) {
  /** Copies the list; the records themselves are immutable. */
  public FrozenRecords {
    namespaces = List.copyOf(namespaces);
  }

  /**
   * The records of one namespace.
   *
   * @param namespace the namespace
   * @param state its state entries, in key order
   * @param memories its memories, in id order
   * @param goals its goals, in id order
   */
  public record OfNamespace(
      Namespace namespace, List<StateEntry> state, List<Memory> memories, List<Goal> goals) {}

  /** How many records of every kind there are. */
  public long records() {
    long n = 0;
    for (OfNamespace s : namespaces) {
      n += s.state().size() + s.memories().size() + s.goals().size();
    }
    return n;
  }
}
