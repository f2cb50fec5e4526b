package dev.memkit.core.store.engine;

import dev.memkit.core.model.Goal;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.search.Bm25Index;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records of one namespace: state by key, memories and goals by id, memory keys, and the search
 * index. The index is built at the namespace's first search, not when the store opens: a process
 * that only writes (one command-line call) never pays for it. Not thread-safe: the engine's lock
 * guards it.
 */
final class NamespaceRecords {
  final TreeMap<String, StateEntry> state = new TreeMap<>();
  final TreeMap<Long, Memory> memories = new TreeMap<>();
  final TreeMap<Long, Goal> goals = new TreeMap<>();
  final Map<String, Long> memoryKeys = new HashMap<>();

  /** Null until the first search; then kept up to date by every change. */
  private volatile Bm25Index index;

  boolean isEmpty() {
    return state.isEmpty() && memories.isEmpty() && goals.isEmpty();
  }

  long size() {
    return (long) state.size() + memories.size() + goals.size();
  }

  /**
   * The search index, built now if this is the first search. Callers hold the engine's read or
   * write lock, so no change runs meanwhile; concurrent readers build it once.
   */
  Bm25Index searchIndex() {
    Bm25Index i = index;
    if (i != null) {
      return i;
    }
    synchronized (this) {
      if (index == null) {
        Bm25Index built = new Bm25Index();
        for (Memory m : memories.values()) {
          built.put(m.id().value(), RecordSet.searchable(m));
        }
        index = built;
      }
      return index;
    }
  }

  /** Keeps the index, when built, in step with a memory put. */
  void indexed(Memory m) {
    Bm25Index i = index;
    if (i != null) {
      i.put(m.id().value(), RecordSet.searchable(m));
    }
  }

  /** Keeps the index, when built, in step with a memory removed. */
  void unindexed(long id) {
    Bm25Index i = index;
    if (i != null) {
      i.remove(id);
    }
  }
}
