package dev.memkit.store.json;

import dev.memkit.core.error.MemoryException;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.StoreHealth;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.port.out.DirectoryProbe;
import dev.memkit.core.port.out.Observer;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreWork;
import dev.memkit.core.store.engine.RecordEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The {@code json:} store: the core's {@link RecordEngine} (all records in memory, so reads never
 * touch the disk) wrapped with a journal, a snapshot file, backups and a directory lock. This class
 * opens and closes it; every write appends one checksummed record to the journal and returns once
 * it is on disk ({@link WritePipeline}, {@link JournalWriter}); {@link Compaction} rewrites {@code
 * memory.json} from memory now and then, in the background; {@link JsonBackups} writes and restores
 * backups; {@link JournalReplay} recovers what a crash or damage left.
 */
final class JsonStore implements Store {
  private static final System.Logger LOG = System.getLogger(JsonStore.class.getPackageName());

  private final Path dir;
  private final DirectoryLock lock;
  private final RecordEngine engine;
  private final JournalWriter writer;
  private final WritePipeline pipeline;
  private final Compaction compaction;
  private final JsonBackups backups;
  private final List<String> recoveryReport;
  private VectorFile vectorFile;

  private JsonStore(
      JsonStoreSettings settings,
      Clock clock,
      DirectoryLock lock,
      JournalReplay.Result recovered,
      JournalWriter writer) {
    this.dir = settings.dir();
    this.lock = lock;
    this.writer = writer;
    this.recoveryReport = List.copyOf(recovered.report);
    this.engine =
        new RecordEngine(
            "json:" + dir,
            recovered.data,
            recovered.trail,
            tx -> new FileVectors(tx, this::vectorFile));
    this.compaction =
        new Compaction(
            settings,
            clock,
            engine,
            recovered.trail,
            writer,
            recovered.snapshotSeq,
            recovered.snapshotSize);
    this.pipeline =
        new WritePipeline(
            dir, writer, engine, recovered.trail, recovered.lastSeq, compaction::maybeCompact);
    compaction.connect(pipeline);
    this.backups = new JsonBackups(settings, clock, engine, pipeline, compaction);
  }

  /**
   * Opens the store in {@code settings.dir()}, creating the directory when absent and recovering
   * what a crash or damage left.
   *
   * @throws StoreUnavailableException when another process holds the store, or the directory cannot
   *     be created, read or written
   */
  static JsonStore open(JsonStoreSettings settings, Clock clock) {
    return open(settings, clock, Observer.NONE);
  }

  /**
   * Opens the store as {@link #open(JsonStoreSettings, Clock)} does, telling {@code observer} what
   * it recovered ({@code repaired}) and the size of every batch the journal writes.
   */
  static JsonStore open(JsonStoreSettings settings, Clock clock, Observer observer) {
    Path dir = settings.dir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot create store directory " + dir + ": " + DirectoryLock.describe(e), e);
    }
    DirectoryLock lock = DirectoryLock.acquire(dir);
    JsonStore store;
    JournalWriter writer = null;
    long started = System.nanoTime();
    try {
      JournalReplay.Result recovered = JournalReplay.run(dir, clock.instant());
      writer =
          new JournalWriter(
              dir, settings.fsync(), recovered.segments, recovered.journalBytes, observer);
      store = new JsonStore(settings, clock, lock, recovered, writer);
      writer.start(store.pipeline::rollback);
      if (recovered.snapshotSeq < 0) {
        store.compaction.writeAtOpen(recovered.fresh ? "create" : "recovery");
      }
      store.logOpened(recovered, (System.nanoTime() - started) / 1_000_000);
      if (!recovered.report.isEmpty()) {
        observer.recovered(JsonStoreProvider.SCHEME, "repaired");
      }
    } catch (IOException | RuntimeException e) {
      if (writer != null) {
        writer.close();
      }
      lock.close();
      if (e instanceof MemoryException m) {
        throw m;
      }
      throw new StoreUnavailableException(
          "cannot open store in "
              + dir
              + ": "
              + (e instanceof IOException io ? DirectoryLock.describe(io) : e.toString()),
          e);
    }
    return store;
  }

  private void logOpened(JournalReplay.Result r, long millis) {
    for (String line : recoveryReport) {
      LOG.log(
          line.contains(JournalReplay.LOST)
              ? System.Logger.Level.ERROR
              : System.Logger.Level.WARNING,
          "json:" + dir + ": " + line);
    }
    LOG.log(
        recoveryReport.isEmpty() ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
        "json:"
            + dir
            + ": opened in "
            + millis
            + " ms with "
            + r.data.records()
            + " records and "
            + r.trail.size()
            + " audit entries; "
            + r.replayed
            + " journal records replayed"
            + (recoveryReport.isEmpty() ? "" : "; recovered as reported above"));
  }

  /**
   * What opening had to recover, one line per finding; empty when the files were as a clean close
   * left them.
   */
  List<String> recoveryReport() {
    return recoveryReport;
  }

  /**
   * Probes what a write needs: a journal that can still be written, room and write access in the
   * store's directory.
   */
  @Override
  public StoreHealth health() {
    if (engine.isClosed()) {
      return StoreHealth.failing(StoreHealth.Status.UNAVAILABLE, "the store is closed");
    }
    if (writer.broken() != null) {
      return StoreHealth.failing(
          StoreHealth.Status.UNAVAILABLE, "the journal cannot be written; reopen the store");
    }
    return DirectoryProbe.probe(dir);
  }

  @Override
  public String description() {
    return "json:" + dir;
  }

  @Override
  public <T> T read(StoreWork<T> work) {
    return engine.read(work);
  }

  @Override
  public <T> T write(StoreWork<T> work) {
    return engine.write(work, pipeline);
  }

  @Override
  public Backups backups() {
    return backups;
  }

  @Override
  public void close() {
    if (!engine.close()) {
      return;
    }
    try {
      compaction.closeAndCompact();
    } finally {
      writer.close();
      lock.close();
    }
  }

  /**
   * Releases the store as a killed process would leave it, except that every acknowledged record is
   * on disk already: no compaction, the journal stays. For tests of recovery.
   */
  void closeLeavingJournal() {
    if (!engine.close()) {
      return;
    }
    compaction.stopNow();
    writer.close();
    lock.close();
  }

  /** Runs a compaction now (for tests and tools); waits for it. */
  void compactNow() {
    compaction.compactNow();
  }

  /** The compaction, for tests that hold a snapshot write. */
  Compaction compaction() {
    return compaction;
  }

  /** How many batches the journal has written: fewer than records when writers were grouped. */
  long journalBatches() {
    return writer.batches();
  }

  /**
   * The embeddings file, opened at its first use (a store used without a model never creates it).
   */
  private synchronized VectorFile vectorFile() {
    if (vectorFile == null) {
      vectorFile = new VectorFile(dir);
    }
    return vectorFile;
  }
}
