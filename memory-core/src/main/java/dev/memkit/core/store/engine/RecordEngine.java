package dev.memkit.core.store.engine;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.port.out.StoreWork;
import dev.memkit.core.port.out.VectorRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The record engine: a {@link RecordSet} and an {@link AuditStorage} behind one read-write lock.
 * Reads share the lock; a write holds it alone, runs against the records in memory keeping an
 * {@link UndoLog}, and is undone when it throws. A {@link CommitLog} decides what else a write does
 * before it returns: nothing for a store held in memory, a journal record for a store on disk —
 * that part runs after the lock is released, so the next write can start meanwhile.
 */
public final class RecordEngine {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String description;
  private final AuditStorage audit;
  private final Function<RecordTransaction, VectorRecords> vectors;
  private RecordSet records;
  private volatile boolean closed;

  /**
   * @param description names the store in errors, e.g. {@code mem:scratch}
   * @param records the records to start from
   * @param audit where audit entries are kept
   * @param vectors the vector view of a unit of work, for a store that keeps vectors outside the
   *     records; null keeps them in the {@link RecordSet}
   */
  public RecordEngine(
      String description,
      RecordSet records,
      AuditStorage audit,
      Function<RecordTransaction, VectorRecords> vectors) {
    this.description = description;
    this.records = records;
    this.audit = audit;
    this.vectors = vectors;
  }

  /** Runs {@code work} under the read lock; it may not write. */
  public <T> T read(StoreWork<T> work) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return work.run(new RecordTransaction(records, audit, null, RecordChanges.NO_ONE, vectors));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Runs {@code work} under the write lock; if it throws, undoes everything it did. Then ends the
   * unit with {@code log} under the lock and runs what that returns after the lock is released.
   */
  public <T> T write(StoreWork<T> work, CommitLog log) {
    T result;
    Runnable after;
    lock.writeLock().lock();
    try {
      ensureOpen();
      CommitLog.Entry entry = log.begin();
      UndoLog undo = new UndoLog();
      long memoryIdBefore = records.lastMemoryId;
      long goalIdBefore = records.lastGoalId;
      RecordTransaction tx = new RecordTransaction(records, audit, undo, entry, vectors);
      try {
        result = work.run(tx);
        undo.end();
        boolean changed =
            tx.hasChanged()
                || memoryIdBefore != records.lastMemoryId
                || goalIdBefore != records.lastGoalId;
        after = entry.commit(undo, changed);
      } catch (RuntimeException | Error e) {
        undo.end();
        undo.undoAll();
        throw e;
      }
    } finally {
      lock.writeLock().unlock();
    }
    if (after != null) {
      after.run();
    }
    return result;
  }

  /** Runs {@code action} under the write lock: no unit of work runs meanwhile. */
  public <T> T exclusively(Supplier<T> action) {
    lock.writeLock().lock();
    try {
      return action.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code action} under the read lock: no write runs meanwhile. */
  public <T> T shared(Supplier<T> action) {
    lock.readLock().lock();
    try {
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Copies every record as it is at one moment without holding writers for longer than a small,
   * fixed amount of work: {@code atTheMoment} runs under the read lock at the moment the copy
   * reflects (to note what else must agree with it, such as a journal position); the records are
   * then read in chunks of {@value #CHUNK}, the lock released between chunks, while writes go on.
   * Each write keeps the value a record had at that moment the first time it changes it, so the
   * copy is exactly the records of that moment. One copy runs at a time.
   */
  public FrozenRecords freezeGradually(Consumer<RecordSet> atTheMoment) {
    return freezeGradually(atTheMoment, CHUNK, () -> {});
  }

  /** The most records read under the lock at a time by {@link #freezeGradually}. */
  public static final int CHUNK = 1024;

  /**
   * {@link #freezeGradually(Consumer)} with a given chunk size, running {@code betweenChunks} with
   * the lock released.
   */
  FrozenRecords freezeGradually(
      Consumer<RecordSet> atTheMoment, int chunk, Runnable betweenChunks) {
    record Start(
        RecordSet set,
        List<Map.Entry<Namespace, NamespaceRecords>> namespaces,
        long lastMemoryId,
        long lastGoalId) {}
    Start start =
        shared(
            () -> {
              atTheMoment.accept(records);
              return new Start(
                  records, records.startFreezing(), records.lastMemoryId, records.lastGoalId);
            });
    FreezeLog log = null;
    try {
      List<Copied> copied = new ArrayList<>();
      for (Map.Entry<Namespace, NamespaceRecords> e : start.namespaces()) {
        NamespaceRecords s = e.getValue();
        copied.add(
            new Copied(
                e.getKey(),
                copy(s.state, chunk, betweenChunks),
                copy(s.memories, chunk, betweenChunks),
                copy(s.goals, chunk, betweenChunks)));
      }
      log = shared(start.set()::stopFreezing);
      List<FrozenRecords.OfNamespace> out = new ArrayList<>();
      for (Copied c : copied) {
        Namespace ns = c.namespace();
        List<StateEntry> state =
            log.asBegun(ns, FreezeLog.Kind.STATE, c.state(), (StateEntry e) -> e.key().value());
        List<Memory> memories =
            log.asBegun(ns, FreezeLog.Kind.MEMORY, c.memories(), (Memory m) -> m.id().value());
        List<Goal> goals =
            log.asBegun(ns, FreezeLog.Kind.GOAL, c.goals(), (Goal g) -> g.id().value());
        if (!state.isEmpty() || !memories.isEmpty() || !goals.isEmpty()) {
          out.add(new FrozenRecords.OfNamespace(ns, state, memories, goals));
        }
      }
      return new FrozenRecords(start.lastMemoryId(), start.lastGoalId(), out);
    } finally {
      if (log == null) {
        shared(start.set()::stopFreezing);
      }
    }
  }

  private record Copied(
      Namespace namespace, List<StateEntry> state, List<Memory> memories, List<Goal> goals) {}

  /** Reads {@code map}'s values in key order, {@code chunk} at a time under the read lock. */
  private <K, V> List<V> copy(NavigableMap<K, V> map, int chunk, Runnable betweenChunks) {
    List<V> out = new ArrayList<>();
    List<K> last = new ArrayList<>(1);
    while (true) {
      boolean done =
          shared(
              () -> {
                NavigableMap<K, V> rest = last.isEmpty() ? map : map.tailMap(last.get(0), false);
                int n = 0;
                for (Map.Entry<K, V> e : rest.entrySet()) {
                  if (n == chunk) {
                    return false;
                  }
                  out.add(e.getValue());
                  last.clear();
                  last.add(e.getKey());
                  n++;
                }
                return true;
              });
      if (done) {
        return out;
      }
      betweenChunks.run();
    }
  }

  /** The records; call it from {@link #exclusively} or {@link #shared}. */
  public RecordSet records() {
    return records;
  }

  /** Replaces the records (a restore); call it from {@link #exclusively}. */
  public void replace(RecordSet replacement) {
    records = replacement;
  }

  /** The audit storage; call it from {@link #exclusively} or {@link #shared}. */
  public AuditStorage audit() {
    return audit;
  }

  /**
   * Refuses every later read and write.
   *
   * @return false when the engine was closed already
   */
  public boolean close() {
    return exclusively(
        () -> {
          boolean was = closed;
          closed = true;
          return !was;
        });
  }

  /** Whether {@link #close} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Checks the engine is open.
   *
   * @throws StoreUnavailableException once it is closed
   */
  public void ensureOpen() {
    if (closed) {
      throw new StoreUnavailableException("store " + description + " is closed");
    }
  }
}
