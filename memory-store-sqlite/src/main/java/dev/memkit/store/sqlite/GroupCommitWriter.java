package dev.memkit.store.sqlite;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.port.out.StoreWork;
import dev.memkit.store.jdbc.JdbcTransaction;
import dev.memkit.store.jdbc.SqlConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntConsumer;

/**
 * The one writer: a thread owning the write connection. Units of work that arrive together are run
 * back to back inside one SQLite transaction, each in its own savepoint (a unit that fails is
 * rolled back alone), then committed with one {@code COMMIT} — one fsync for the lot. Only then is
 * each caller released, so every acknowledged write is committed.
 *
 * <p>Before each {@code COMMIT} it checks that the database's {@code -wal} file is still there: a
 * write-ahead log deleted while the store is open would take every later commit with it when the
 * process ends, so such a write is rolled back and refused instead of acknowledged. After each
 * {@code COMMIT} it records the database's high-water {@link Marks} before releasing the callers.
 */
final class GroupCommitWriter {
  private static final System.Logger LOG =
      System.getLogger(GroupCommitWriter.class.getPackageName());

  /** Most units committed together. */
  static final int MAX_BATCH = 256;

  /**
   * A batch whose first caller waited longer than this is logged at DEBUG with the time of each
   * phase.
   */
  static final long SLOW_NANOS = 50_000_000L;

  /** Something to do on the writer's connection outside any transaction (restore). */
  @FunctionalInterface
  interface Exclusive<T> {
    T run(SqlConnection db) throws SQLException;
  }

  private abstract static class Job {
    final CountDownLatch done = new CountDownLatch(1);
    Object result;
    Throwable failure;

    void finish(Object value, Throwable error) {
      result = value;
      failure = error;
      done.countDown();
    }

    Object await() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          // the unit may already be committing: wait for its outcome, keep the interrupt
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure != null) {
        throw new StoreUnavailableException("a write failed: " + failure, failure);
      }
      return result;
    }
  }

  private static final class Unit extends Job {
    final StoreWork<?> work;
    final long queuedAt = System.nanoTime();

    Unit(StoreWork<?> work) {
      this.work = work;
    }
  }

  private static final class ExclusiveJob extends Job {
    final Exclusive<?> action;

    ExclusiveJob(Exclusive<?> action) {
      this.action = action;
    }
  }

  private static final class Stop extends Job {}

  private final SqlConnection db;
  private final String where;
  private final Path wal;
  private final Marks marks;
  private final IntConsumer committed;
  private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Object lifecycle = new Object();
  private boolean closed;

  /** The transaction the writer thread is running a unit in, for nested calls from that unit. */
  private JdbcTransaction current;

  /**
   * Starts the writer over {@code db}, the database {@code file}; each commit is recorded in {@code
   * marks}, and {@code committed} hears how many units each commit made durable.
   */
  GroupCommitWriter(SqlConnection db, Path file, Marks marks, IntConsumer committed) {
    this.db = db;
    this.where = file.toString();
    this.wal = file.resolveSibling(file.getFileName() + "-wal");
    this.marks = marks;
    this.committed = committed;
    this.thread = new Thread(this::loop, "memkit-sqlite-writer " + where);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Runs {@code work} atomically and durably; rethrows what it throws, having rolled it back. */
  @SuppressWarnings("unchecked")
  <T> T write(StoreWork<T> work) {
    if (Thread.currentThread() == thread) {
      return nested(work);
    }
    Unit unit = new Unit(work);
    enqueue(unit);
    return (T) unit.await();
  }

  /** Runs {@code action} alone on the writer's connection, between transactions. */
  @SuppressWarnings("unchecked")
  <T> T exclusive(Exclusive<T> action) {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("a backup cannot be restored from inside a write");
    }
    ExclusiveJob job = new ExclusiveJob(action);
    enqueue(job);
    return (T) job.await();
  }

  /** The current unit's transaction when called from the writer thread inside a unit, else null. */
  JdbcTransaction currentOnThisThread() {
    return Thread.currentThread() == thread ? current : null;
  }

  private void enqueue(Job job) {
    synchronized (lifecycle) {
      if (closed) {
        throw new StoreUnavailableException("store sqlite:" + where + " is closed");
      }
      queue.add(job);
    }
  }

  /** Finishes the queued work, then stops the thread. Does not close the connection. */
  void close() {
    Stop stop = new Stop();
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(stop);
    }
    joinUninterruptibly(thread);
  }

  /**
   * Waits for {@code thread} to end, however often this thread is interrupted; keeps the interrupt.
   */
  static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private <T> T nested(StoreWork<T> work) {
    JdbcTransaction outer = current;
    if (outer == null) {
      throw new IllegalStateException("the writer thread runs no unit of work");
    }
    try {
      db.execute("SAVEPOINT nested");
    } catch (SQLException e) {
      throw SqlFailure.wrap(e, "start a nested write", where);
    }
    try {
      T result = work.run(outer);
      db.execute("RELEASE nested");
      return result;
    } catch (SQLException e) {
      throw SqlFailure.wrap(e, "finish a nested write", where);
    } catch (RuntimeException | Error e) {
      try {
        db.execute("ROLLBACK TO nested");
        db.execute("RELEASE nested");
      } catch (SQLException ignored) {
        // the outer unit fails with e and is rolled back as a whole
      }
      throw e;
    }
  }

  private void loop() {
    Job held = null;
    while (true) {
      Job first;
      if (held != null) {
        first = held;
        held = null;
      } else {
        try {
          first = queue.take();
        } catch (InterruptedException e) {
          continue;
        }
      }
      if (first instanceof Stop stop) {
        stop.finish(null, null);
        return;
      }
      if (first instanceof ExclusiveJob job) {
        runExclusive(job);
        continue;
      }
      List<Unit> batch = new ArrayList<>();
      batch.add((Unit) first);
      while (batch.size() < MAX_BATCH) {
        Job next = queue.poll();
        if (next == null) {
          break;
        }
        if (next instanceof Unit u) {
          batch.add(u);
        } else {
          held = next;
          break;
        }
      }
      runBatch(batch);
    }
  }

  private void runExclusive(ExclusiveJob job) {
    try {
      job.finish(job.action.run(db), null);
    } catch (SQLException e) {
      job.finish(null, SqlFailure.wrap(e, "restore a backup", where));
    } catch (RuntimeException | Error e) {
      job.finish(null, e);
    }
  }

  private void runBatch(List<Unit> batch) {
    long started = System.nanoTime();
    try {
      db.execute("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      StoreUnavailableException failure = SqlFailure.wrap(e, "start a write", where);
      batch.forEach(u -> u.finish(null, failure));
      return;
    }
    Object[] results = new Object[batch.size()];
    Throwable[] failures = new Throwable[batch.size()];
    int ok = 0;
    for (int i = 0; i < batch.size(); i++) {
      Unit unit = batch.get(i);
      JdbcTransaction tx = new JdbcTransaction(db, true, SqliteDialect.INSTANCE);
      try {
        db.execute("SAVEPOINT unit");
      } catch (SQLException e) {
        abort(batch, failures, SqlFailure.wrap(e, "start a write", where));
        return;
      }
      current = tx;
      try {
        results[i] = unit.work.run(tx);
        db.execute("RELEASE unit");
        ok++;
      } catch (SQLException e) {
        failures[i] = SqlFailure.wrap(e, "finish a write", where);
        abort(batch, failures, (StoreUnavailableException) failures[i]);
        return;
      } catch (RuntimeException | Error e) {
        failures[i] = e;
        try {
          db.execute("ROLLBACK TO unit");
          db.execute("RELEASE unit");
        } catch (SQLException rollbackFailed) {
          // SQLite may have rolled back the whole transaction (disk full, I/O error): nothing of it
          // stays
          abort(batch, failures, SqlFailure.wrap(rollbackFailed, "undo a failed write", where));
          return;
        }
      } finally {
        current = null;
        tx.end();
      }
    }
    if (ok > 0 && !Files.exists(wal)) {
      abort(batch, failures, walDeleted("nothing was stored"));
      return;
    }
    long ran = System.nanoTime();
    try {
      db.execute("COMMIT");
    } catch (SQLException e) {
      abort(batch, failures, SqlFailure.wrap(e, "commit a write", where));
      return;
    }
    long commitDone = System.nanoTime();
    if (ok > 0 && !Files.exists(wal)) {
      // deleted between the check and the commit: the commit went to a log that is gone, so it is
      // not acknowledged
      StoreUnavailableException lost =
          walDeleted("this write went to the deleted log and may not survive a restart");
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).finish(null, failures[i] != null ? failures[i] : lost);
      }
      return;
    }
    if (ok > 0) {
      marks.record(db);
    }
    long marked = System.nanoTime();
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).finish(results[i], failures[i]);
    }
    logIfSlow(batch, started, ran, commitDone, marked);
    if (ok > 0) {
      committed.accept(ok);
    }
  }

  /**
   * Logs, at DEBUG, a batch whose first caller waited longer than {@link #SLOW_NANOS}, with the
   * milliseconds of each phase as the parameters: queue wait, the units' SQL, {@code COMMIT} (its
   * fsync), the marks, and the batch size.
   */
  private void logIfSlow(List<Unit> batch, long started, long ran, long committedAt, long marked) {
    long queued = batch.get(0).queuedAt;
    if (marked - queued > SLOW_NANOS && LOG.isLoggable(System.Logger.Level.DEBUG)) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "slow write batch on {0}: queue wait {1} ms, SQL {2} ms, commit {3} ms,"
              + " marks {4} ms, {5} units",
          where,
          millis(started - queued),
          millis(ran - started),
          millis(committedAt - ran),
          millis(marked - committedAt),
          batch.size());
    }
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private StoreUnavailableException walDeleted(String outcome) {
    return new StoreUnavailableException(
        "the write-ahead log "
            + wal
            + " was deleted while the store was open, so"
            + " no write can be made durable: "
            + outcome
            + ". Stop every process using "
            + where
            + " and start it again");
  }

  /**
   * Rolls the whole transaction back: units that had succeeded fail with {@code cause}, the others
   * with their own error.
   */
  private void abort(List<Unit> batch, Throwable[] failures, StoreUnavailableException cause) {
    try {
      db.execute("ROLLBACK");
    } catch (SQLException e) {
      String message = String.valueOf(e.getMessage());
      if (!message.contains("no transaction is active")) {
        // the transaction may still hold SQLite's write lock: say so, the next write will try again
        LOG.log(
            System.Logger.Level.ERROR,
            "cannot roll back a failed write on " + where + ": " + message);
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).finish(null, failures[i] != null ? failures[i] : cause);
    }
  }
}
