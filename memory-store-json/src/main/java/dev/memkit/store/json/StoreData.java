package dev.memkit.store.json;

import dev.memkit.core.model.Goal;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.model.Tag;
import dev.memkit.core.search.Bm25Index;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every state entry, memory and goal of the store, held in memory, with the id counters and one
 * BM25 index per namespace (built at its first search). Not thread-safe: {@link JsonStore} guards
 * it. The primitives return what they replaced, so a unit of work can undo them.
 */
final class StoreData {
  /**
   * The records of one namespace. Its search index is built at the first search, not when the
   * store opens: a process that only writes (one command-line call) never pays for it.
   */
  static final class Space {
    final TreeMap<String, StateEntry> state = new TreeMap<>();
    final TreeMap<Long, Memory> memories = new TreeMap<>();
    final TreeMap<Long, Goal> goals = new TreeMap<>();
    final Map<String, Long> memoryKeys = new HashMap<>();
    /** Null until the first search; then kept up to date by every change. */
    private volatile Bm25Index index;

    boolean isEmpty() {
      return state.isEmpty() && memories.isEmpty() && goals.isEmpty();
    }

    /**
     * The search index, built now if this is the first search. Callers hold the store's read or
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
            built.put(m.id().value(), searchable(m));
          }
          index = built;
        }
        return index;
      }
    }

    /** The index when it has been built; changes update it only then. Callers hold the write lock. */
    Bm25Index builtIndex() {
      return index;
    }
  }

  /** The records of one namespace, frozen for writing to a file. */
  record FrozenSpace(Namespace namespace, List<StateEntry> state, List<Memory> memories, List<Goal> goals) {
  }

  /** A copy of everything, taken under the store's lock and written out without it. */
  record Frozen(long journalSeq, long auditSeq, long lastMemoryId, long lastGoalId, List<FrozenSpace> spaces) {
    long records() {
      long n = 0;
      for (FrozenSpace s : spaces) {
        n += s.state().size() + s.memories().size() + s.goals().size();
      }
      return n;
    }
  }

  private final TreeMap<Namespace, Space> spaces = new TreeMap<>();
  private final Map<Long, Namespace> memoryOwners = new HashMap<>();
  private final Map<Long, Namespace> goalOwners = new HashMap<>();
  long lastMemoryId;
  long lastGoalId;

  /** The records of {@code namespace}, or null when it never held any. */
  Space space(Namespace namespace) {
    return spaces.get(namespace);
  }

  private Space spaceFor(Namespace namespace) {
    return spaces.computeIfAbsent(namespace, n -> new Space());
  }

  /** Namespaces holding at least one record, in name order. */
  SortedSet<Namespace> namespaces() {
    SortedSet<Namespace> out = new TreeSet<>();
    spaces.forEach((ns, s) -> {
      if (!s.isEmpty()) {
        out.add(ns);
      }
    });
    return out;
  }

  Namespace memoryOwner(long id) {
    return memoryOwners.get(id);
  }

  Namespace goalOwner(long id) {
    return goalOwners.get(id);
  }

  // ------------------------------------------------------------------ primitives

  StateEntry putState(StateEntry entry) {
    return spaceFor(entry.namespace()).state.put(entry.key().value(), entry);
  }

  StateEntry removeState(Namespace namespace, StateKey key) {
    Space s = spaces.get(namespace);
    return s == null ? null : s.state.remove(key.value());
  }

  /** Puts {@code memory}, replacing the memory with its id (in whatever namespace); returns that one. */
  Memory putMemory(Memory memory) {
    long id = memory.id().value();
    Memory old = removeMemory(id);
    Space s = spaceFor(memory.namespace());
    s.memories.put(id, memory);
    memory.key().ifPresent(k -> s.memoryKeys.put(k.value(), id));
    Bm25Index index = s.builtIndex();
    if (index != null) {
      index.put(id, searchable(memory));
    }
    memoryOwners.put(id, memory.namespace());
    lastMemoryId = Math.max(lastMemoryId, id);
    return old;
  }

  Memory removeMemory(long id) {
    Namespace owner = memoryOwners.remove(id);
    if (owner == null) {
      return null;
    }
    Space s = spaces.get(owner);
    Memory old = s.memories.remove(id);
    old.key().ifPresent(k -> s.memoryKeys.remove(k.value(), id));
    Bm25Index index = s.builtIndex();
    if (index != null) {
      index.remove(id);
    }
    return old;
  }

  /** Puts {@code goal}, replacing the goal with its id; returns that one. */
  Goal putGoal(Goal goal) {
    long id = goal.id().value();
    Goal old = removeGoal(id);
    spaceFor(goal.namespace()).goals.put(id, goal);
    goalOwners.put(id, goal.namespace());
    lastGoalId = Math.max(lastGoalId, id);
    return old;
  }

  Goal removeGoal(long id) {
    Namespace owner = goalOwners.remove(id);
    return owner == null ? null : spaces.get(owner).goals.remove(id);
  }

  Memory findByKey(Namespace namespace, MemoryKey key) {
    Space s = spaces.get(namespace);
    if (s == null) {
      return null;
    }
    Long id = s.memoryKeys.get(key.value());
    return id == null ? null : s.memories.get(id);
  }

  /** The text the search index holds for {@code m}: its text and its tags. */
  static String searchable(Memory m) {
    StringBuilder text = new StringBuilder(m.text());
    for (Tag t : m.tags()) {
      text.append(' ').append(t.value());
    }
    return text.toString();
  }

  /** Copies the record lists (records are immutable, so this copies the data). */
  Frozen freeze(long journalSeq, long auditSeq) {
    List<FrozenSpace> out = new ArrayList<>();
    spaces.forEach((ns, s) -> {
      if (!s.isEmpty()) {
        out.add(new FrozenSpace(ns, new ArrayList<>(s.state.values()), new ArrayList<>(s.memories.values()),
            new ArrayList<>(s.goals.values())));
      }
    });
    return new Frozen(journalSeq, auditSeq, lastMemoryId, lastGoalId, out);
  }

  /** How many records of every kind the store holds. */
  long records() {
    long n = 0;
    for (Space s : spaces.values()) {
      n += s.state.size() + s.memories.size() + s.goals.size();
    }
    return n;
  }
}
