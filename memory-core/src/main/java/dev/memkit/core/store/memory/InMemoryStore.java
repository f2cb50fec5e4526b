package dev.memkit.core.store.memory;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.out.AuditLog;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.port.out.GoalRecords;
import dev.memkit.core.port.out.MemoryRecords;
import dev.memkit.core.port.out.StateRecords;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreTransaction;
import dev.memkit.core.port.out.MemoryVector;
import dev.memkit.core.port.out.VectorRecords;
import java.util.function.Consumer;
import dev.memkit.core.port.out.StoreWork;
import dev.memkit.core.search.Bm25Index;
import dev.memkit.core.search.SearchQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A store held in memory: nothing survives the process. For tests and for embedding without
 * persistence. Writes are serialised by a lock and undone on failure through an undo log; reads
 * share a read lock. Search uses {@link Bm25Index}, one per namespace.
 */
final class InMemoryStore implements Store {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String description;
  private final int backupKeep;
  private final Clock clock;

  private Data data = new Data();
  private final List<AuditEntry> audit = new ArrayList<>();
  private final Deque<Snapshot> backups = new ArrayDeque<>();
  private long backupCounter;
  private boolean closed;

  InMemoryStore(String description, int backupKeep, Clock clock) {
    this.description = description;
    this.backupKeep = backupKeep;
    this.clock = clock;
  }

  /** Everything a backup copies. Records are immutable, so copying the maps copies the data. */
  private static final class Data {
    final TreeMap<String, StateEntry> state = new TreeMap<>();
    final TreeMap<Long, Memory> memories = new TreeMap<>();
    final TreeMap<Long, Goal> goals = new TreeMap<>();
    final Map<String, Long> memoryKeys = new HashMap<>();
    final Map<Namespace, Bm25Index> indexes = new HashMap<>();
    final TreeMap<Long, MemoryVector> vectors = new TreeMap<>();
    long lastMemoryId;
    long lastGoalId;

    Data copy() {
      Data d = new Data();
      d.state.putAll(state);
      d.memories.putAll(memories);
      d.goals.putAll(goals);
      d.vectors.putAll(vectors);
      d.lastMemoryId = lastMemoryId;
      d.lastGoalId = lastGoalId;
      d.reindex();
      return d;
    }

    void reindex() {
      memoryKeys.clear();
      indexes.clear();
      for (Memory m : memories.values()) {
        m.key().ifPresent(k -> memoryKeys.put(keyOf(m.namespace(), k), m.id().value()));
        index(m);
      }
    }

    void index(Memory m) {
      indexes.computeIfAbsent(m.namespace(), n -> new Bm25Index()).put(m.id().value(), searchable(m));
    }

    void unindex(Memory m) {
      Bm25Index index = indexes.get(m.namespace());
      if (index != null) {
        index.remove(m.id().value());
      }
    }
  }

  private record Snapshot(BackupInfo info, Data data) {
  }

  static String searchable(Memory m) {
    StringBuilder text = new StringBuilder(m.text());
    for (Tag t : m.tags()) {
      text.append(' ').append(t.value());
    }
    return text.toString();
  }

  private static String keyOf(Namespace ns, StateKey key) {
    return ns.value() + '\u0000' + key.value();
  }

  private static String keyOf(Namespace ns, MemoryKey key) {
    return ns.value() + '\u0000' + key.value();
  }

  @Override
  public <T> T read(StoreWork<T> work) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return work.run(new Tx(null));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public <T> T write(StoreWork<T> work) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      Deque<Runnable> undo = new ArrayDeque<>();
      try {
        return work.run(new Tx(undo));
      } catch (RuntimeException | Error e) {
        while (!undo.isEmpty()) {
          undo.pop().run();
        }
        throw e;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreUnavailableException("store " + description + " is closed");
    }
  }

  @Override
  public Backups backups() {
    return new MemoryBackups();
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A unit of work's view; {@code undo} is null for reads, which may not write. */
  private final class Tx implements StoreTransaction, AuditLog {
    private final Deque<Runnable> undo;
    private final StateView stateView = new StateView();
    private final MemoryView memoryView = new MemoryView();
    private final GoalView goalView = new GoalView();
    private final VectorView vectorView = new VectorView();

    Tx(Deque<Runnable> undo) {
      this.undo = undo;
    }

    private void writing(Runnable undoAction) {
      if (undo == null) {
        throw new IllegalStateException("a read may not write");
      }
      undo.push(undoAction);
    }

    @Override
    public StateRecords state() {
      return stateView;
    }

    @Override
    public MemoryRecords memories() {
      return memoryView;
    }

    @Override
    public GoalRecords goals() {
      return goalView;
    }

    @Override
    public AuditLog audit() {
      return this;
    }

    @Override
    public Optional<VectorRecords> vectors() {
      return Optional.of(vectorView);
    }

    @Override
    public SortedSet<Namespace> namespaces() {
      SortedSet<Namespace> all = new TreeSet<>();
      data.state.values().forEach(e -> all.add(e.namespace()));
      data.memories.values().forEach(m -> all.add(m.namespace()));
      data.goals.values().forEach(g -> all.add(g.namespace()));
      return all;
    }

    private final class StateView implements StateRecords {

    @Override
    public Optional<StateEntry> find(Namespace namespace, StateKey key) {
      return Optional.ofNullable(data.state.get(keyOf(namespace, key)));
    }

    @Override
    public List<StateEntry> list(Namespace namespace, String prefix) {
      String from = namespace.value() + '\u0000' + prefix;
      List<StateEntry> out = new ArrayList<>();
      for (Map.Entry<String, StateEntry> e : data.state.tailMap(from, true).entrySet()) {
        if (!e.getKey().startsWith(from)) {
          break;
        }
        out.add(e.getValue());
      }
      return out;
    }

    @Override
    public void put(StateEntry entry) {
      String k = keyOf(entry.namespace(), entry.key());
      StateEntry old = data.state.put(k, entry);
      writing(() -> restore(data.state, k, old));
    }

    @Override
    public boolean delete(Namespace namespace, StateKey key) {
      String k = keyOf(namespace, key);
      StateEntry old = data.state.remove(k);
      if (old != null) {
        writing(() -> data.state.put(k, old));
      }
      return old != null;
    }

    @Override
    public void deleteAll(Namespace namespace) {
      for (StateEntry e : list(namespace, "")) {
        delete(namespace, e.key());
      }
    }

    }

    private final class MemoryView implements MemoryRecords {

    @Override
    public MemoryId nextId() {
      long previous = data.lastMemoryId;
      data.lastMemoryId++;
      writing(() -> data.lastMemoryId = previous);
      return MemoryId.of(data.lastMemoryId);
    }

    @Override
    public void put(Memory memory) {
      long id = memory.id().value();
      Memory old = data.memories.put(id, memory);
      if (old != null) {
        old.key().ifPresent(k -> data.memoryKeys.remove(keyOf(old.namespace(), k)));
        data.unindex(old);
      }
      memory.key().ifPresent(k -> data.memoryKeys.put(keyOf(memory.namespace(), k), id));
      data.index(memory);
      long previousLast = data.lastMemoryId;
      data.lastMemoryId = Math.max(previousLast, id);
      writing(() -> {
        data.lastMemoryId = previousLast;
        data.memories.remove(id);
        memory.key().ifPresent(k -> data.memoryKeys.remove(keyOf(memory.namespace(), k)));
        data.unindex(memory);
        if (old != null) {
          data.memories.put(id, old);
          old.key().ifPresent(k -> data.memoryKeys.put(keyOf(old.namespace(), k), id));
          data.index(old);
        }
      });
    }

    @Override
    public Optional<Memory> find(Namespace namespace, MemoryId id) {
      return Optional.ofNullable(data.memories.get(id.value())).filter(m -> m.namespace().equals(namespace));
    }

    @Override
    public Optional<Memory> findByKey(Namespace namespace, MemoryKey key) {
      return Optional.ofNullable(data.memoryKeys.get(keyOf(namespace, key))).map(data.memories::get);
    }

    @Override
    public Optional<Namespace> ownerOf(MemoryId id) {
      return Optional.ofNullable(data.memories.get(id.value())).map(Memory::namespace);
    }

    @Override
    public boolean delete(Namespace namespace, MemoryId id) {
      Optional<Memory> found = find(namespace, id);
      if (found.isEmpty()) {
        return false;
      }
      Memory old = found.get();
      data.memories.remove(id.value());
      old.key().ifPresent(k -> data.memoryKeys.remove(keyOf(namespace, k)));
      data.unindex(old);
      MemoryVector vector = data.vectors.remove(id.value());
      writing(() -> {
        data.memories.put(id.value(), old);
        old.key().ifPresent(k -> data.memoryKeys.put(keyOf(namespace, k), id.value()));
        data.index(old);
        if (vector != null) {
          data.vectors.put(id.value(), vector);
        }
      });
      return true;
    }

    @Override
    public void deleteAll(Namespace namespace) {
      for (Memory m : new ArrayList<>(data.memories.values())) {
        if (m.namespace().equals(namespace)) {
          delete(namespace, m.id());
        }
      }
    }

    @Override
    public long count(Namespace namespace) {
      return data.memories.values().stream().filter(m -> m.namespace().equals(namespace)).count();
    }

    @Override
    public List<Memory> list(Namespace namespace, MemoryFilter filter, Optional<MemoryId> before, int limit) {
      NavigableMap<Long, Memory> view = data.memories.descendingMap();
      if (before.isPresent()) {
        view = view.tailMap(before.get().value(), false);
      }
      List<Memory> out = new ArrayList<>();
      for (Memory m : view.values()) {
        if (out.size() >= limit) {
          break;
        }
        if (m.namespace().equals(namespace) && filter.matches(m)) {
          out.add(m);
        }
      }
      return out;
    }

    @Override
    public List<SearchHit> search(Namespace namespace, SearchQuery query, MemoryFilter filter, int limit) {
      Bm25Index index = data.indexes.get(namespace);
      if (index == null) {
        return List.of();
      }
      List<SearchHit> hits = new ArrayList<>();
      for (Bm25Index.Scored s : index.score(query.terms())) {
        Memory m = data.memories.get(s.id());
        if (m != null && filter.matches(m)) {
          hits.add(new SearchHit(m, s.score(), s.matchedTerms()));
        }
      }
      hits.sort(SearchHit.BEST_FIRST);
      return hits.size() > limit ? new ArrayList<>(hits.subList(0, limit)) : hits;
    }

    }

    /** The memories' vectors, one per memory, dropped with their memory. */
    private final class VectorView implements VectorRecords {
      @Override
      public void put(MemoryVector vector) {
        long id = vector.memory().value();
        if (!data.memories.containsKey(id)) {
          return;
        }
        MemoryVector old = data.vectors.put(id, vector);
        writing(() -> restore(data.vectors, id, old));
      }

      @Override
      public void forEach(Namespace namespace, String model, Consumer<MemoryVector> sink) {
        for (MemoryVector v : data.vectors.values()) {
          Memory m = data.memories.get(v.memory().value());
          if (m != null && m.namespace().equals(namespace) && v.model().equals(model)) {
            sink.accept(v);
          }
        }
      }

      @Override
      public void delete(MemoryId id) {
        MemoryVector old = data.vectors.remove(id.value());
        if (old != null) {
          writing(() -> data.vectors.put(id.value(), old));
        }
      }

      @Override
      public long count(Namespace namespace, String model) {
        long[] n = {0};
        forEach(namespace, model, v -> n[0]++);
        return n[0];
      }
    }

    private final class GoalView implements GoalRecords {
    @Override
    public GoalId nextId() {
      long previous = data.lastGoalId;
      data.lastGoalId++;
      writing(() -> data.lastGoalId = previous);
      return GoalId.of(data.lastGoalId);
    }

    @Override
    public void put(Goal goal) {
      long id = goal.id().value();
      Goal old = data.goals.put(id, goal);
      long previousLast = data.lastGoalId;
      data.lastGoalId = Math.max(previousLast, id);
      writing(() -> {
        data.lastGoalId = previousLast;
        restore(data.goals, id, old);
      });
    }

    @Override
    public Optional<Goal> find(Namespace namespace, GoalId id) {
      return Optional.ofNullable(data.goals.get(id.value())).filter(g -> g.namespace().equals(namespace));
    }

    @Override
    public Optional<Namespace> ownerOf(GoalId id) {
      return Optional.ofNullable(data.goals.get(id.value())).map(Goal::namespace);
    }

    @Override
    public List<Goal> list(Namespace namespace, Set<GoalStatus> statuses) {
      List<Goal> out = new ArrayList<>();
      for (Goal g : data.goals.values()) {
        if (g.namespace().equals(namespace) && (statuses.isEmpty() || statuses.contains(g.status()))) {
          out.add(g);
        }
      }
      return out;
    }

    @Override
    public boolean delete(Namespace namespace, GoalId id) {
      Optional<Goal> found = find(namespace, id);
      found.ifPresent(old -> {
        data.goals.remove(id.value());
        writing(() -> data.goals.put(id.value(), old));
      });
      return found.isPresent();
    }

    @Override
    public void deleteAll(Namespace namespace) {
      for (Goal g : list(namespace, Set.of())) {
        delete(namespace, g.id());
      }
    }
    }

    @Override
    public AuditEntry append(AuditEntry entry) {
      AuditEntry stored = entry.withSequence(audit.size() + 1L);
      audit.add(stored);
      writing(() -> audit.remove(audit.size() - 1));
      return stored;
    }

    @Override
    public List<AuditEntry> query(Optional<Namespace> namespace, AuditQuery query) {
      List<AuditEntry> out = new ArrayList<>();
      for (int i = audit.size() - 1; i >= 0 && out.size() < query.limit(); i--) {
        AuditEntry e = audit.get(i);
        if (namespace.map(n -> n.equals(e.namespace())).orElse(true) && query.matches(e)) {
          out.add(e);
        }
      }
      return out;
    }
  }

  private static <K, V> void restore(Map<K, V> map, K key, V old) {
    if (old == null) {
      map.remove(key);
    } else {
      map.put(key, old);
    }
  }

  /** Backups held in memory, newest first, rotated to {@code backup_keep}. */
  private final class MemoryBackups implements Backups {
    @Override
    public BackupInfo create(String reason) {
      lock.writeLock().lock();
      try {
        ensureOpen();
        backupCounter++;
        Instant now = clock.instant();
        BackupInfo info = new BackupInfo("mem-" + backupCounter, now,
            data.state.size() + data.memories.size() + data.goals.size(), reason);
        backups.push(new Snapshot(info, data.copy()));
        while (backups.size() > backupKeep) {
          backups.removeLast();
        }
        return info;
      } finally {
        lock.writeLock().unlock();
      }
    }

    @Override
    public List<BackupInfo> list() {
      lock.readLock().lock();
      try {
        return backups.stream().map(Snapshot::info).toList();
      } finally {
        lock.readLock().unlock();
      }
    }

    @Override
    public void restore(String id) {
      lock.writeLock().lock();
      try {
        ensureOpen();
        Snapshot snapshot = backups.stream().filter(s -> s.info().id().equals(id)).findFirst()
            .orElseThrow(() -> new NotFoundException("backup " + id));
        Data restored = snapshot.data().copy();
        restored.lastMemoryId = Math.max(restored.lastMemoryId, data.lastMemoryId);
        restored.lastGoalId = Math.max(restored.lastGoalId, data.lastGoalId);
        data = restored;
      } finally {
        lock.writeLock().unlock();
      }
    }
  }
}
