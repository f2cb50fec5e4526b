package dev.memkit.store.sqlite;

import dev.memkit.store.jdbc.SqlConnection;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;

/**
 * WAL checkpoints on a thread and a connection of their own, so the writer's {@code COMMIT} is only
 * the write to the log and its fsync. The writer's connection has automatic checkpoints off ({@link
 * #WRITER_PRAGMAS}); after commits this thread runs a {@code PASSIVE} checkpoint — which never
 * waits for a lock and never blocks the writer — at most every {@link #PERIOD_MILLIS}.
 *
 * <p>The log stays bounded. SQLite starts the log again from its beginning only when a write begins
 * after every frame is in the database file, which a passive checkpoint racing a steady stream of
 * commits rarely achieves. So when the log holds more than {@link #WAL_LIMIT_BYTES} after a passive
 * checkpoint, and no backup holds a long read, the writer runs one {@code RESTART} checkpoint
 * between two batches ({@code restart}): it copies only the frames the passive checkpoint left,
 * waits at most {@link #RESTART_WAIT_MILLIS} for readers, and the next write starts the log again,
 * its file cut back to the limit. That is the only moment checkpointing holds writes back: once per
 * {@link #WAL_LIMIT_BYTES} of log.
 */
final class Checkpointer {
  private static final System.Logger LOG = System.getLogger(Checkpointer.class.getPackageName());

  /**
   * Set on the writer's connection: no checkpoint inside its commits; the log file cut back to the
   * limit when it restarts.
   */
  static final String[] WRITER_PRAGMAS = {
    "PRAGMA wal_autocheckpoint = 0", "PRAGMA journal_size_limit = " + Checkpointer.WAL_LIMIT_BYTES
  };

  /** Shortest time between two checkpoints while writes come in. */
  static final long PERIOD_MILLIS = 200;

  /** The size past which the log is made to start again, and to which its file is cut back. */
  static final long WAL_LIMIT_BYTES = 64L << 20;

  /** Longest a {@code RESTART} checkpoint waits for readers (and so holds new writes back). */
  static final int RESTART_WAIT_MILLIS = 100;

  private final String where;
  private final SqlConnection db;
  private final BooleanSupplier backupRunning;
  private final Runnable restart;
  private final Thread thread;
  private final Object signal = new Object();
  private boolean pending;
  private boolean stopping;
  private boolean warned;
  private long pageSize;

  /**
   * Starts checkpointing {@code file} over {@code db}, a connection of its own that it closes;
   * {@code backupRunning} says whether a backup holds a long read at the moment, and {@code
   * restart} runs {@link #restart(SqlConnection, int)} on the writer's connection between two
   * batches.
   */
  Checkpointer(Path file, SqlConnection db, BooleanSupplier backupRunning, Runnable restart) {
    this.where = file.toString();
    this.db = db;
    this.backupRunning = backupRunning;
    this.restart = restart;
    this.thread = new Thread(this::loop, "memkit-sqlite-checkpoint " + where);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Says that a commit added to the log; a checkpoint follows within {@link #PERIOD_MILLIS}. */
  void committed() {
    synchronized (signal) {
      if (!pending) {
        pending = true;
        signal.notifyAll();
      }
    }
  }

  /** Stops the thread after the checkpoint under way, then closes its connection. */
  void close() {
    synchronized (signal) {
      stopping = true;
      signal.notifyAll();
    }
    GroupCommitWriter.joinUninterruptibly(thread);
    db.close();
  }

  private void loop() {
    while (true) {
      synchronized (signal) {
        while (!pending && !stopping) {
          try {
            signal.wait();
          } catch (InterruptedException e) {
            // only close() stops this thread
          }
        }
        if (stopping) {
          return;
        }
        pending = false;
      }
      checkpoint();
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        // checkpoint again when the next commit says so
      }
    }
  }

  private void checkpoint() {
    try {
      long frames = run(db, "PASSIVE");
      if (frames * pageSize() > WAL_LIMIT_BYTES && !backupRunning.getAsBoolean()) {
        long started = System.nanoTime();
        restart.run();
        LOG.log(
            System.Logger.Level.DEBUG,
            "restarted the write-ahead log of {0} after {1} frames: the writer paused" + " {2} ms",
            where,
            frames,
            (System.nanoTime() - started) / 1e6);
      }
    } catch (SQLException | RuntimeException e) {
      if (!warned) {
        warned = true;
        LOG.log(
            System.Logger.Level.WARNING,
            "cannot checkpoint the write-ahead log of "
                + where
                + ": "
                + e.getMessage()
                + "; it grows until the next checkpoint succeeds");
      }
    }
  }

  /**
   * On the writer's connection {@code db}, between two batches: a {@code RESTART} checkpoint that
   * waits at most {@link #RESTART_WAIT_MILLIS} for readers, then the connection's own {@code
   * busyTimeoutMillis} again. One that finds readers still busy leaves the log to the next.
   */
  static void restart(SqlConnection db, int busyTimeoutMillis) {
    try {
      db.execute("PRAGMA busy_timeout = " + RESTART_WAIT_MILLIS);
      try {
        run(db, "RESTART");
      } finally {
        db.execute("PRAGMA busy_timeout = " + busyTimeoutMillis);
      }
    } catch (SQLException e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "the log of {0} was not restarted, the next checkpoint tries again: {1}",
          db.where(),
          e.getMessage());
    }
  }

  /**
   * Runs a checkpoint of {@code mode} on {@code db} and returns the frames in the log; one that
   * finds the database busy just leaves the rest for the next one.
   */
  private static long run(SqlConnection db, String mode) throws SQLException {
    try (Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
      if (!rs.next()) {
        return 0;
      }
      if (rs.getInt(1) != 0) {
        LOG.log(
            System.Logger.Level.DEBUG,
            "{0} checkpoint of {1} left {2} of {3} frames for later",
            mode,
            db.where(),
            rs.getInt(2) - rs.getInt(3),
            rs.getInt(2));
      }
      return Math.max(0, rs.getLong(2));
    }
  }

  private long pageSize() {
    if (pageSize == 0) {
      pageSize = Math.max(512, db.number("PRAGMA page_size"));
    }
    return pageSize;
  }
}
