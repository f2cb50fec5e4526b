package dev.memkit.store.json;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.store.engine.FrozenRecords;
import dev.memkit.core.store.engine.RecordEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Compaction: rewrites {@code memory.json} from memory once the journal has grown past both {@code
 * compact_bytes} and {@code compact_factor} times {@code memory.json}, on a thread of its own.
 * Writers are held only while the journal's switch to a new segment is queued and while each small
 * chunk of the records is copied (references to immutable records); the snapshot is written, the
 * previous one kept as a backup and the old segments dropped while writers go on.
 */
final class Compaction {
  private static final System.Logger LOG = System.getLogger(Compaction.class.getPackageName());

  private final JsonStoreSettings settings;
  private final Path dir;
  private final Clock clock;
  private final RecordEngine engine;
  private final AuditTrail audit;
  private final JournalWriter writer;
  private WritePipeline pipeline;

  /** Held by compactions, backups and restores, one at a time. */
  private final ReentrantLock maintenance = new ReentrantLock();

  private final ExecutorService executor;
  private final AtomicBoolean queued = new AtomicBoolean();

  /** The {@code journal_seq} of {@code memory.json} on disk. */
  private volatile long snapshotSeq;

  private volatile long snapshotSize;

  /** Run just before a snapshot file is written, outside every lock; for tests. */
  private volatile Runnable beforeSnapshotWrite = () -> {};

  Compaction(
      JsonStoreSettings settings,
      Clock clock,
      RecordEngine engine,
      AuditTrail audit,
      JournalWriter writer,
      long snapshotSeq,
      long snapshotSize) {
    this.settings = settings;
    this.dir = settings.dir();
    this.clock = clock;
    this.engine = engine;
    this.audit = audit;
    this.writer = writer;
    this.snapshotSeq = snapshotSeq;
    this.snapshotSize = snapshotSize;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "memkit-json-compaction " + dir.getFileName());
              t.setDaemon(true);
              return t;
            });
  }

  /** Connects the write pipeline, whose record numbers the snapshots hold. */
  void connect(WritePipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** An action that may fail on the disk. */
  @FunctionalInterface
  interface IoAction<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code action} holding the maintenance lock: no compaction, backup or restore runs
   * meanwhile.
   */
  <T> T maintaining(IoAction<T> action) throws IOException {
    maintenance.lock();
    try {
      return action.run();
    } finally {
      maintenance.unlock();
    }
  }

  /**
   * Whether the journal has grown past both {@code compact_bytes} and {@code compact_factor} times
   * the size of {@code memory.json}.
   */
  boolean journalIsLarge() {
    long written = writer.bytesSinceRoll();
    return written >= settings.compactBytes() && written >= settings.compactFactor() * snapshotSize;
  }

  /** Queues a compaction when {@link #journalIsLarge}; returns at once. */
  void maybeCompact() {
    if (journalIsLarge() && !engine.isClosed() && queued.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              try {
                maintaining(
                    () -> {
                      if (!engine.isClosed()) {
                        compact("compaction", true, true);
                      }
                      return null;
                    });
              } catch (IOException | RuntimeException e) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "json:" + dir + ": compaction failed, the journal keeps every change: " + e);
              } finally {
                queued.set(false);
              }
            });
      } catch (RejectedExecutionException e) {
        queued.set(false);
      }
    }
  }

  /** A copy of the records, and the journal step queued at the record the copy reflects. */
  record Copy(SnapshotFile.Frozen frozen, CompletableFuture<Void> journal) {}

  /**
   * Copies what a snapshot file holds without holding writers for longer than a journal append: at
   * one moment, under the engine's read lock, notes the last journal record and audit entry and
   * queues on the journal writer, right after that record, a switch to a new segment ({@code roll})
   * or a wait for what is queued; then copies the records as they were at that moment in small
   * chunks while writers go on ({@link RecordEngine#freezeGradually}). The copy and the journal
   * agree.
   */
  Copy freeze(boolean roll) {
    long[] at = new long[2];
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] journal = new CompletableFuture[1];
    FrozenRecords records =
        engine.freezeGradually(
            set -> {
              at[0] = pipeline.lastSeq();
              at[1] = audit.lastSequence();
              journal[0] = roll ? writer.roll(at[0] + 1) : writer.barrier();
            });
    return new Copy(new SnapshotFile.Frozen(at[0], at[1], records), journal[0]);
  }

  /**
   * Writes {@code frozen} to {@code tmp} and forces it to disk; the caller renames it into place.
   * Holds no lock.
   */
  void writeSnapshot(SnapshotFile.Frozen frozen, Path tmp, String reason, Instant now)
      throws IOException {
    beforeSnapshotWrite.run();
    SnapshotFile.write(tmp, frozen, reason, now, settings.fsync());
  }

  /**
   * Rewrites {@code memory.json} from memory: temp file, force, atomic rename, directory force.
   * With {@code keepPrevious}, the previous {@code memory.json} becomes a backup (a hard link, no
   * copy) and the journal segments that backup already holds are deleted. With {@code roll}, the
   * journal starts a new segment at the snapshot, so later compactions can delete whole files. The
   * caller holds the maintenance lock.
   */
  void compact(String reason, boolean keepPrevious, boolean roll) throws IOException {
    long started = System.nanoTime();
    long journalBytes = writer.bytesSinceRoll();
    Copy copy = freeze(roll);
    WritePipeline.await(copy.journal());
    long copied = System.nanoTime();
    SnapshotFile.Frozen frozen = copy.frozen();
    Path main = dir.resolve(JournalReplay.MAIN);
    Path tmp = dir.resolve(JournalReplay.MAIN + ".tmp");
    Instant now = clock.instant();
    writeSnapshot(frozen, tmp, reason, now);
    long snapshotWritten = System.nanoTime();
    long previousSeq = snapshotSeq;
    boolean linked = false;
    if (keepPrevious && previousSeq >= 0 && Files.exists(main)) {
      Path backup = SnapshotBackups.path(dir, SnapshotBackups.nextId(dir, now)).orElseThrow();
      try {
        Files.createLink(backup, main);
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(main, backup);
      }
      linked = true;
    }
    DurableFiles.atomicMove(tmp, main);
    DurableFiles.forceDirectory(dir);
    snapshotSeq = frozen.journalSeq();
    snapshotSize = Files.size(main);
    if (linked) {
      SnapshotBackups.rotate(dir, settings.backupKeep());
      WritePipeline.await(writer.dropSegmentsThrough(previousSeq));
    }
    LOG.log(
        System.Logger.Level.DEBUG,
        "compaction of {0} ({1}): copy {2} ms, snapshot write {3} ms, files {4} ms,"
            + " journal {5} bytes, snapshot {6} bytes",
        dir,
        reason,
        (copied - started) / 1e6,
        (snapshotWritten - copied) / 1e6,
        (System.nanoTime() - snapshotWritten) / 1e6,
        journalBytes,
        snapshotSize);
  }

  /** Runs a compaction now and waits for it. */
  void compactNow() {
    try {
      maintaining(
          () -> {
            engine.ensureOpen();
            compact("compaction", true, true);
            return null;
          });
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot compact store in " + dir + ": " + DirectoryLock.describe(e), e);
    }
  }

  /**
   * Writes {@code memory.json} at once (a new or recovered store), starting a new journal segment.
   */
  void writeAtOpen(String reason) throws IOException {
    maintaining(
        () -> {
          compact(reason, false, true);
          return null;
        });
  }

  /**
   * Stops the compaction thread, then compacts what a clean close should: the whole store when the
   * journal is past the threshold, else {@code memory.json} alone when it is small, else nothing.
   */
  void closeAndCompact() {
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      maintaining(
          () -> {
            if (writer.broken() == null && pipeline.lastSeq() > snapshotSeq) {
              if (journalIsLarge()) {
                compact("compaction", true, true);
              } else if (snapshotSize <= settings.compactBytes()) {
                // A small memory.json is cheap to rewrite: after a clean close it holds everything.
                // A large one is left to the next compaction; the journal holds the rest.
                compact("close", false, false);
              }
            }
            return null;
          });
    } catch (IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "json:" + dir + ": compaction at close failed, the journal keeps every change: " + e);
    }
  }

  /** Stops the compaction thread at once, compacting nothing. */
  void stopNow() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sets what runs just before a snapshot file is written (outside every lock); for tests. */
  void beforeSnapshotWrite(Runnable hook) {
    this.beforeSnapshotWrite = hook;
  }
}
