package dev.memkit.core.store.engine;

import dev.memkit.core.model.Goal;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.out.MemoryVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every state entry, memory and goal of a store, by namespace, with the id counters and, for a
 * store that keeps them in memory, the memories' vectors. Not thread-safe: {@link RecordEngine}
 * guards it. The primitives return what they replaced, so a unit of work can undo them; a journal
 * replay calls them directly.
 */
public final class RecordSet {
  private final TreeMap<Namespace, NamespaceRecords> namespaces = new TreeMap<>();
  private final Map<Long, Namespace> memoryOwners = new HashMap<>();
  private final Map<Long, Namespace> goalOwners = new HashMap<>();

  /** Vectors kept in memory (the {@code mem:} store); empty when a store keeps them elsewhere. */
  final TreeMap<Long, MemoryVector> vectors = new TreeMap<>();

  long lastMemoryId;
  long lastGoalId;

  /** Set while a gradual copy runs ({@link RecordEngine#freezeGradually}). */
  private FreezeLog freezing;

  /** An empty set. */
  public RecordSet() {}

  /** The records of {@code namespace}, or null when it never held any. */
  NamespaceRecords in(Namespace namespace) {
    return namespaces.get(namespace);
  }

  private NamespaceRecords create(Namespace namespace) {
    return namespaces.computeIfAbsent(namespace, n -> new NamespaceRecords());
  }

  /** Namespaces holding at least one record, in name order. */
  public SortedSet<Namespace> namespaces() {
    SortedSet<Namespace> out = new TreeSet<>();
    namespaces.forEach(
        (ns, s) -> {
          if (!s.isEmpty()) {
            out.add(ns);
          }
        });
    return out;
  }

  /** The namespace of memory {@code id}, or null when there is no such memory. */
  public Namespace memoryOwner(long id) {
    return memoryOwners.get(id);
  }

  /** The namespace of goal {@code id}, or null when there is no such goal. */
  public Namespace goalOwner(long id) {
    return goalOwners.get(id);
  }

  /** The highest memory id handed out. */
  public long lastMemoryId() {
    return lastMemoryId;
  }

  /** The highest goal id handed out. */
  public long lastGoalId() {
    return lastGoalId;
  }

  /** Raises the id counters to at least the given ids, so no id is handed out twice. */
  public void keepIdsAbove(long memoryId, long goalId) {
    lastMemoryId = Math.max(lastMemoryId, memoryId);
    lastGoalId = Math.max(lastGoalId, goalId);
  }

  // ------------------------------------------------------------------ primitives

  /** Puts {@code entry}; returns the entry it replaced, or null. */
  public StateEntry putState(StateEntry entry) {
    StateEntry old = create(entry.namespace()).state.put(entry.key().value(), entry);
    if (freezing != null) {
      freezing.changing(entry.namespace(), FreezeLog.Kind.STATE, entry.key().value(), old);
    }
    return old;
  }

  /** Removes a state entry; returns it, or null when there was none. */
  public StateEntry removeState(Namespace namespace, StateKey key) {
    NamespaceRecords s = namespaces.get(namespace);
    StateEntry old = s == null ? null : s.state.remove(key.value());
    if (freezing != null && old != null) {
      freezing.changing(namespace, FreezeLog.Kind.STATE, key.value(), old);
    }
    return old;
  }

  /**
   * Puts {@code memory}, replacing the memory with its id (in whatever namespace); returns that
   * one, or null.
   */
  public Memory putMemory(Memory memory) {
    long id = memory.id().value();
    Memory old = removeMemory(id);
    NamespaceRecords s = create(memory.namespace());
    s.memories.put(id, memory);
    if (freezing != null) {
      freezing.changing(memory.namespace(), FreezeLog.Kind.MEMORY, id, null);
    }
    memory.key().ifPresent(k -> s.memoryKeys.put(k.value(), id));
    s.indexed(memory);
    memoryOwners.put(id, memory.namespace());
    lastMemoryId = Math.max(lastMemoryId, id);
    return old;
  }

  /**
   * Removes memory {@code id}; returns it, or null when there was none. Its vector stays: see
   * {@link #removeVector}.
   */
  public Memory removeMemory(long id) {
    Namespace owner = memoryOwners.remove(id);
    if (owner == null) {
      return null;
    }
    NamespaceRecords s = namespaces.get(owner);
    Memory old = s.memories.remove(id);
    if (freezing != null) {
      freezing.changing(owner, FreezeLog.Kind.MEMORY, id, old);
    }
    old.key().ifPresent(k -> s.memoryKeys.remove(k.value(), id));
    s.unindexed(id);
    return old;
  }

  /** Puts {@code goal}, replacing the goal with its id; returns that one, or null. */
  public Goal putGoal(Goal goal) {
    long id = goal.id().value();
    Goal old = removeGoal(id);
    create(goal.namespace()).goals.put(id, goal);
    if (freezing != null) {
      freezing.changing(goal.namespace(), FreezeLog.Kind.GOAL, id, null);
    }
    goalOwners.put(id, goal.namespace());
    lastGoalId = Math.max(lastGoalId, id);
    return old;
  }

  /** Removes goal {@code id}; returns it, or null when there was none. */
  public Goal removeGoal(long id) {
    Namespace owner = goalOwners.remove(id);
    if (owner == null) {
      return null;
    }
    Goal old = namespaces.get(owner).goals.remove(id);
    if (freezing != null) {
      freezing.changing(owner, FreezeLog.Kind.GOAL, id, old);
    }
    return old;
  }

  MemoryVector putVector(MemoryVector vector) {
    return vectors.put(vector.memory().value(), vector);
  }

  MemoryVector removeVector(long memoryId) {
    return vectors.remove(memoryId);
  }

  /** The memory with {@code key} in {@code namespace}, or null. */
  Memory findByKey(Namespace namespace, MemoryKey key) {
    NamespaceRecords s = namespaces.get(namespace);
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

  /** How many records of every kind the set holds. */
  public long records() {
    long n = 0;
    for (NamespaceRecords s : namespaces.values()) {
      n += s.size();
    }
    return n;
  }

  /**
   * Copies the record lists (records are immutable, so this copies the data; vectors are not
   * included).
   */
  public FrozenRecords freeze() {
    List<FrozenRecords.OfNamespace> out = new ArrayList<>();
    namespaces.forEach(
        (ns, s) -> {
          if (!s.isEmpty()) {
            out.add(
                new FrozenRecords.OfNamespace(
                    ns,
                    new ArrayList<>(s.state.values()),
                    new ArrayList<>(s.memories.values()),
                    new ArrayList<>(s.goals.values())));
          }
        });
    return new FrozenRecords(lastMemoryId, lastGoalId, out);
  }

  /**
   * Starts keeping the first value of every record changed from now on; returns the namespaces as
   * they are.
   */
  List<Map.Entry<Namespace, NamespaceRecords>> startFreezing() {
    if (freezing != null) {
      throw new IllegalStateException("a copy is under way already");
    }
    freezing = new FreezeLog();
    return new ArrayList<>(namespaces.entrySet());
  }

  /** Stops keeping first values; returns what was kept. */
  FreezeLog stopFreezing() {
    FreezeLog log = freezing;
    freezing = null;
    return log;
  }

  /** A separate set with the same records, counters and vectors. */
  public RecordSet copy() {
    RecordSet copy = new RecordSet();
    for (FrozenRecords.OfNamespace s : freeze().namespaces()) {
      s.state().forEach(copy::putState);
      s.memories().forEach(copy::putMemory);
      s.goals().forEach(copy::putGoal);
    }
    copy.vectors.putAll(vectors);
    copy.keepIdsAbove(lastMemoryId, lastGoalId);
    return copy;
  }
}
