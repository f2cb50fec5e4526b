package dev.memkit.store.json;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.port.out.Observer;
import dev.memkit.core.store.engine.UndoLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one thread that writes the journal and the audit log. Writers queue their records in commit
 * order; the thread takes everything queued, writes it with one system call, forces it to disk
 * once, and only then releases the writers: while one batch is being forced the next one gathers
 * (group commit). Maintenance steps (starting a new segment, dropping old ones, waiting for
 * everything queued so far) are queued too, so they happen between exactly the right records.
 *
 * <p>When writing fails (disk full, read-only), the records not yet on disk are rolled back in
 * memory, newest first, by the store's {@link Rollback}, and their writers get {@link
 * StoreUnavailableException}; the journal is cut back to its last good byte, so what was stored
 * stays intact. The segment files themselves are {@link JournalSegments}.
 */
final class JournalWriter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JournalWriter.class.getPackageName());

  /** A batch whose first writer waited longer than this is logged with its phases, at DEBUG. */
  static final long SLOW_NANOS = 50_000_000L;

  /** One unit of work's record, waiting to be made durable. */
  static final class Unit {
    final long seq;
    final byte[] line;
    final List<byte[]> auditLines;
    final UndoLog undo;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final long queuedAt = System.nanoTime();

    Unit(long seq, byte[] line, List<byte[]> auditLines, UndoLog undo) {
      this.seq = seq;
      this.line = line;
      this.auditLines = auditLines;
      this.undo = undo;
    }

    /** Undoes the unit's changes in memory, newest first. */
    void undo() {
      undo.undoAll();
    }
  }

  /** A step run on the committer thread between two records. */
  @FunctionalInterface
  interface Step {
    void run() throws IOException;
  }

  private record Task(Step step, long epoch, CompletableFuture<Void> done) {}

  private static final Object STOP = new Object();

  /** Undoes units that did not reach the disk; called on the committer thread. */
  interface Rollback {
    /**
     * Under the store's write lock: takes every unit still queued (with {@code drain}), undoes
     * {@code failed} and those, newest first, and resets the store's record counter.
     */
    List<Unit> rollback(List<Unit> failed, java.util.function.Supplier<List<Unit>> drain);
  }

  private final Path dir;
  private final boolean fsync;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private Rollback rollback;
  private final JournalSegments segments;
  private volatile long bytesSinceRoll;
  private final AuditAppender audit;
  private volatile long epoch;
  private volatile String broken;
  private volatile long batches;
  private final Observer observer;

  /**
   * @param existing the segments found at open, in order, each with its last record's number; the
   *     first record written goes on the end of the last of them
   * @param initialBytes the journal bytes not yet compacted, counted towards the next compaction
   * @param observer told the size of every batch written
   */
  JournalWriter(
      Path dir, boolean fsync, Map<Long, Long> existing, long initialBytes, Observer observer)
      throws IOException {
    this.dir = dir;
    this.observer = observer;
    this.fsync = fsync;
    this.segments = new JournalSegments(dir, fsync, existing);
    this.bytesSinceRoll = initialBytes;
    this.audit = new AuditAppender(dir.resolve(AuditFile.NAME));
    this.thread = new Thread(this::loop, "memkit-json-journal " + dir.getFileName());
    this.thread.setDaemon(true);
  }

  void start(Rollback rollback) {
    this.rollback = rollback;
    thread.start();
  }

  /** Why the journal can take no more records, if it cannot. */
  String broken() {
    return broken;
  }

  /** Bytes of journal written since the last {@link #roll}. */
  long bytesSinceRoll() {
    return bytesSinceRoll;
  }

  /** How many batches were written. */
  long batches() {
    return batches;
  }

  /**
   * Queues {@code unit}; the caller holds the store's write lock, so queue order is commit order.
   */
  void submit(Unit unit) {
    queue.add(unit);
  }

  /**
   * Queues {@code step}; its future completes once every record queued before it is durable and it
   * ran.
   */
  CompletableFuture<Void> step(Step step) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(new Task(step, epoch, done));
    return done;
  }

  /** Waits for every record queued so far to be durable. */
  CompletableFuture<Void> barrier() {
    return step(() -> {});
  }

  /**
   * Ends the current segment with every record queued so far and creates the next one, named {@code
   * nextSeq}, at once: a store opened again appends to the newest segment, so the new one must
   * exist even when no record follows in this session.
   */
  CompletableFuture<Void> roll(long nextSeq) {
    return step(
        () -> {
          segments.close();
          bytesSinceRoll = 0;
          segments.open(nextSeq);
        });
  }

  /**
   * Forces the audit log to disk, then deletes the segments whose records all have numbers of at
   * most {@code seq}: a snapshot holding them is on disk.
   */
  CompletableFuture<Void> dropSegmentsThrough(long seq) {
    return step(
        () -> {
          audit.flush(fsync);
          segments.dropThrough(seq);
        });
  }

  // ------------------------------------------------------------------ the thread

  private void loop() {
    List<Object> items = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      items.clear();
      try {
        items.add(queue.take());
      } catch (InterruptedException e) {
        continue;
      }
      queue.drainTo(items);
      List<Unit> batch = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        Object item = items.get(i);
        if (item instanceof Unit u) {
          batch.add(u);
          continue;
        }
        if (!batch.isEmpty()) {
          commit(batch);
          batch = new ArrayList<>();
        }
        if (item == STOP) {
          stopping = true;
        } else {
          runTask((Task) item);
        }
      }
      if (!batch.isEmpty()) {
        commit(batch);
      }
    }
    shutdown();
  }

  private void runTask(Task task) {
    if (task.epoch() != epoch) {
      task.done()
          .completeExceptionally(
              new StoreUnavailableException(
                  "records before this step could not be written to "
                      + dir
                      + (broken == null ? "" : ": " + broken)));
      return;
    }
    try {
      task.step().run();
      task.done().complete(null);
    } catch (IOException | RuntimeException e) {
      task.done().completeExceptionally(e);
    }
  }

  private void commit(List<Unit> batch) {
    if (broken != null) {
      fail(batch, null);
      return;
    }
    long started = System.nanoTime();
    long before = segments.activeSize();
    long written;
    long forced;
    try {
      if (!segments.isOpen()) {
        segments.open(batch.get(0).seq);
        before = segments.activeSize();
      }
      ByteBuffer[] buffers = new ByteBuffer[batch.size()];
      long bytes = 0;
      for (int i = 0; i < batch.size(); i++) {
        buffers[i] = ByteBuffer.wrap(batch.get(i).line);
        bytes += batch.get(i).line.length;
      }
      segments.write(buffers);
      written = System.nanoTime();
      segments.force();
      forced = System.nanoTime();
      if (!Files.exists(segments.activePath())) {
        // written to a file that is no longer in the directory: it would be gone at the next open
        broken =
            "the journal file "
                + segments.activePath().getFileName()
                + " was deleted while"
                + " the store was open, so no write can be made durable; close and reopen the store (the next open reports"
                + " what was lost)";
        LOG.log(System.Logger.Level.ERROR, broken);
        fail(batch, null);
        return;
      }
      segments.grew(bytes);
      bytesSinceRoll += bytes;
      batches++;
      observer.batchCommitted(JsonStoreProvider.SCHEME, batch.size());
      segments.endsWith(batch.get(batch.size() - 1).seq);
    } catch (IOException | RuntimeException e) {
      truncateBack(before, e);
      fail(batch, e);
      return;
    }
    List<byte[]> auditLines = new ArrayList<>();
    for (Unit u : batch) {
      auditLines.addAll(u.auditLines);
    }
    audit.append(auditLines);
    long appended = System.nanoTime();
    for (Unit u : batch) {
      u.done.complete(null);
    }
    logIfSlow(batch, started, written, forced, appended);
  }

  /**
   * Logs, at DEBUG, a batch whose first writer waited longer than {@link #SLOW_NANOS} for it, with
   * the milliseconds of each phase as the parameters: queue wait (from the first unit's queueing,
   * its changes applied, to the batch's start: the batches before it), journal write, journal
   * fsync, audit append, and the batch size.
   */
  private void logIfSlow(List<Unit> batch, long started, long written, long forced, long appended) {
    long queued = batch.get(0).queuedAt;
    if (appended - queued > SLOW_NANOS && LOG.isLoggable(System.Logger.Level.DEBUG)) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "slow write batch on {0}: queue wait {1} ms, write {2} ms, fsync {3} ms,"
              + " audit {4} ms, {5} units",
          dir,
          (started - queued) / 1e6,
          (written - started) / 1e6,
          (forced - written) / 1e6,
          (appended - forced) / 1e6,
          batch.size());
    }
  }

  private void truncateBack(long size, Exception cause) {
    try {
      segments.cutBack(size);
    } catch (IOException | RuntimeException e) {
      broken =
          "cannot cut the journal back after a failed write ("
              + cause
              + "; then "
              + e
              + "); close and reopen the store to recover";
      LOG.log(System.Logger.Level.ERROR, broken);
    }
  }

  private void fail(List<Unit> batch, Exception cause) {
    epoch++;
    List<Unit> all = rollback.rollback(batch, this::drainUnits);
    String why =
        cause == null
            ? broken
            : DirectoryLock.describe(cause instanceof IOException io ? io : new IOException(cause));
    StoreUnavailableException error =
        new StoreUnavailableException(
            "cannot write to the journal of store in "
                + dir
                + ": "
                + why
                + "; the change was not stored",
            cause);
    LOG.log(System.Logger.Level.ERROR, error.getMessage());
    for (Unit u : all) {
      u.done.completeExceptionally(error);
    }
  }

  /**
   * Takes every unit still queued, keeping the steps queued in their order; called under the
   * store's write lock.
   */
  private List<Unit> drainUnits() {
    List<Object> items = new ArrayList<>();
    queue.drainTo(items);
    List<Unit> units = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Unit u) {
        units.add(u);
      } else {
        queue.add(item);
      }
    }
    return units;
  }

  /**
   * Finishes everything queued, forces the files and stops the thread. Harmless when it never
   * started.
   */
  @Override
  public void close() {
    if (!thread.isAlive()) {
      audit.close();
      return;
    }
    queue.add(STOP);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void shutdown() {
    audit.finish(fsync);
    try {
      segments.close();
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot close the journal of " + dir + ": " + DirectoryLock.describe(e));
    }
  }
}
