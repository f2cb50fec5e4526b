package dev.memkit.core.store.engine;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.port.out.StoreWork;
import dev.memkit.core.port.out.VectorRecords;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
   * @param records     the records to start from
   * @param audit       where audit entries are kept
   * @param vectors     the vector view of a unit of work, for a store that keeps vectors outside the
   *                    records; null keeps them in the {@link RecordSet}
   */
  public RecordEngine(String description, RecordSet records, AuditStorage audit,
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
        boolean changed = tx.hasChanged() || memoryIdBefore != records.lastMemoryId || goalIdBefore != records.lastGoalId;
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
    return exclusively(() -> {
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
