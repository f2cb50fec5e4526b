package dev.memkit.store.json;

import dev.memkit.core.error.MemoryException;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.json.JsonValue;
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
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.model.StoreHealth;
import dev.memkit.core.port.out.AuditLog;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.port.out.DirectoryProbe;
import dev.memkit.core.port.out.GoalRecords;
import dev.memkit.core.port.out.MemoryRecords;
import dev.memkit.core.port.out.Observer;
import dev.memkit.core.port.out.StateRecords;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreTransaction;
import dev.memkit.core.port.out.StoreWork;
import dev.memkit.core.port.out.MemoryVector;
import dev.memkit.core.port.out.VectorRecords;
import dev.memkit.core.search.Bm25Index;
import dev.memkit.core.search.SearchQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The {@code json:} store. All records live in memory (reads never touch the disk); every write
 * appends one checksummed record to the journal and returns once it is on disk; a compaction
 * rewrites {@code memory.json} from memory now and then, in the background.
 *
 * <p>A unit of work runs under the write lock against the live data, keeping an undo log; if it
 * throws, the undo log puts everything back. Otherwise its record is queued for the
 * {@link GroupCommitter} and the lock is released before the disk is forced, so the next unit can
 * run while this one is being made durable; its writer is released once it is.
 */
final class JsonStore implements Store {
  private static final System.Logger LOG = System.getLogger(JsonStore.class.getPackageName());

  private final JsonStoreSettings settings;
  private final Path dir;
  private final Clock clock;
  private final DirectoryLock lock;
  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
  /** Held by compactions, backups and restores, one at a time. */
  private final ReentrantLock maintenance = new ReentrantLock();
  private final GroupCommitter committer;
  private final ExecutorService compactor;
  private final AtomicBoolean compactionQueued = new AtomicBoolean();
  private final List<String> recoveryReport;

  private StoreData data;
  private final AuditTrail audit;
  private long lastSeq;
  /** The {@code journal_seq} of {@code memory.json} on disk. */
  private volatile long snapshotSeq;
  private volatile long snapshotSize;
  private volatile boolean closed;
  private VectorFile vectorFile;

  private JsonStore(JsonStoreSettings settings, Clock clock, DirectoryLock lock, Recovery.Result recovered,
      GroupCommitter committer) {
    this.settings = settings;
    this.dir = settings.dir();
    this.clock = clock;
    this.lock = lock;
    this.data = recovered.data;
    this.audit = recovered.trail;
    this.lastSeq = recovered.lastSeq;
    this.snapshotSeq = recovered.snapshotSeq;
    this.snapshotSize = recovered.snapshotSize;
    this.recoveryReport = List.copyOf(recovered.report);
    this.committer = committer;
    this.compactor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "memkit-json-compaction " + dir.getFileName());
      t.setDaemon(true);
      return t;
    });
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
   * Opens the store as {@link #open(JsonStoreSettings, Clock)} does, telling {@code observer}
   * what it recovered ({@code repaired}) and the size of every batch the journal writes.
   */
  static JsonStore open(JsonStoreSettings settings, Clock clock, Observer observer) {
    Path dir = settings.dir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot create store directory " + dir + ": " + DirectoryLock.describe(e), e);
    }
    DirectoryLock lock = DirectoryLock.acquire(dir);
    JsonStore store;
    GroupCommitter committer = null;
    long started = System.nanoTime();
    try {
      Recovery.Result recovered = Recovery.run(dir, clock.instant());
      committer = new GroupCommitter(dir, settings.fsync(), recovered.segments, recovered.journalBytes, observer);
      store = new JsonStore(settings, clock, lock, recovered, committer);
      committer.start(store::rollback);
      if (recovered.snapshotSeq < 0) {
        store.maintenance.lock();
        try {
          store.compact(recovered.fresh ? "create" : "recovery", false, true);
        } finally {
          store.maintenance.unlock();
        }
      }
      store.logOpened(recovered, (System.nanoTime() - started) / 1_000_000);
      if (!recovered.report.isEmpty()) {
        observer.recovered(JsonStoreProvider.SCHEME, "repaired");
      }
    } catch (IOException | RuntimeException e) {
      if (committer != null) {
        committer.close();
      }
      lock.close();
      if (e instanceof MemoryException m) {
        throw m;
      }
      throw new StoreUnavailableException("cannot open store in " + dir + ": "
          + (e instanceof IOException io ? DirectoryLock.describe(io) : e.toString()), e);
    }
    return store;
  }

  private void logOpened(Recovery.Result r, long millis) {
    for (String line : recoveryReport) {
      LOG.log(line.contains(Recovery.LOST) ? System.Logger.Level.ERROR : System.Logger.Level.WARNING, "json:" + dir + ": " + line);
    }
    LOG.log(recoveryReport.isEmpty() ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
        "json:" + dir + ": opened in " + millis + " ms with " + r.data.records() + " records and " + audit.size()
            + " audit entries; " + r.replayed + " journal records replayed" + (recoveryReport.isEmpty() ? "" : "; recovered as reported above"));
  }

  /** What opening had to recover, one line per finding; empty when the files were as a clean close left them. */
  List<String> recoveryReport() {
    return recoveryReport;
  }

  /** Probes what a write needs: a journal that can still be written, room and write access in the store's directory. */
  @Override
  public StoreHealth health() {
    if (closed) {
      return StoreHealth.failing(StoreHealth.Status.UNAVAILABLE, "the store is closed");
    }
    if (committer.broken() != null) {
      return StoreHealth.failing(StoreHealth.Status.UNAVAILABLE, "the journal cannot be written; reopen the store");
    }
    return DirectoryProbe.probe(dir);
  }

  @Override
  public String description() {
    return "json:" + dir;
  }

  // ------------------------------------------------------------------ reads and writes

  @Override
  public <T> T read(StoreWork<T> work) {
    rw.readLock().lock();
    try {
      ensureOpen();
      return work.run(new Tx(null));
    } finally {
      rw.readLock().unlock();
    }
  }

  @Override
  public <T> T write(StoreWork<T> work) {
    T result;
    GroupCommitter.Unit unit;
    rw.writeLock().lock();
    try {
      ensureOpen();
      String broken = committer.broken();
      if (broken != null) {
        throw new StoreUnavailableException("store in " + dir + " cannot write: " + broken);
      }
      Tx tx = new Tx(new ArrayDeque<>());
      long memoryIdBefore = data.lastMemoryId;
      long goalIdBefore = data.lastGoalId;
      try {
        result = work.run(tx);
      } catch (RuntimeException | Error e) {
        tx.undoAll();
        throw e;
      } finally {
        tx.done = true;
      }
      if (tx.changes.isEmpty() && memoryIdBefore == data.lastMemoryId && goalIdBefore == data.lastGoalId) {
        return result;
      }
      try {
        long seq = lastSeq + 1;
        byte[] line = Journal.encode(seq, data.lastMemoryId, data.lastGoalId, tx.changes);
        unit = new GroupCommitter.Unit(seq, line, tx.auditLines, tx.undo);
        lastSeq = seq;
      } catch (RuntimeException | Error e) {
        tx.undoAll();
        throw e;
      }
      committer.submit(unit);
    } finally {
      rw.writeLock().unlock();
    }
    await(unit.done);
    maybeCompact();
    return result;
  }

  /** Called by the committer when records could not be written: undoes them and every record queued after them. */
  private List<GroupCommitter.Unit> rollback(List<GroupCommitter.Unit> failed, java.util.function.Supplier<List<GroupCommitter.Unit>> drain) {
    rw.writeLock().lock();
    try {
      List<GroupCommitter.Unit> all = new ArrayList<>(failed);
      all.addAll(drain.get());
      for (int i = all.size() - 1; i >= 0; i--) {
        all.get(i).undo();
      }
      lastSeq = all.get(0).seq - 1;
      return all;
    } finally {
      rw.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreUnavailableException("store " + description() + " is closed");
    }
  }

  private static void await(CompletableFuture<Void> done) {
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // The record is queued and will be written; the caller only stops waiting for it.
      throw new StoreUnavailableException("interrupted while waiting for the journal", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MemoryException m) {
        throw m;
      }
      throw new StoreUnavailableException("journal write failed: " + cause, cause);
    }
  }

  // ------------------------------------------------------------------ compaction

  /** Whether the journal has grown past both {@code compact_bytes} and {@code memory.json}. */
  private boolean journalIsLarge() {
    long written = committer.bytesSinceRoll();
    return written >= settings.compactBytes() && written >= snapshotSize;
  }

  /** Queues a compaction when {@link #journalIsLarge}. */
  private void maybeCompact() {
    if (journalIsLarge() && !closed && compactionQueued.compareAndSet(false, true)) {
      try {
        compactor.execute(() -> {
          maintenance.lock();
          try {
            if (!closed) {
              compact("compaction", true, true);
            }
          } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "json:" + dir + ": compaction failed, the journal keeps every change: " + e);
          } finally {
            compactionQueued.set(false);
            maintenance.unlock();
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        compactionQueued.set(false);
      }
    }
  }

  /**
   * Rewrites {@code memory.json} from memory: temp file, force, atomic rename, directory force.
   * With {@code keepPrevious}, the previous {@code memory.json} becomes a backup (a hard link, no
   * copy) and the journal segments that backup already holds are deleted. With {@code roll}, the
   * journal starts a new segment at the snapshot, so later compactions can delete whole files.
   * The caller holds {@link #maintenance}.
   */
  private void compact(String reason, boolean keepPrevious, boolean roll) throws IOException {
    StoreData.Frozen frozen;
    CompletableFuture<Void> rolled;
    rw.readLock().lock();
    try {
      frozen = data.freeze(lastSeq, audit.lastSequence());
      rolled = roll ? committer.roll(lastSeq + 1) : committer.barrier();
    } finally {
      rw.readLock().unlock();
    }
    await(rolled);
    Path main = dir.resolve(Recovery.MAIN);
    Path tmp = dir.resolve(Recovery.MAIN + ".tmp");
    Instant now = clock.instant();
    SnapshotFile.write(tmp, frozen, reason, now, settings.fsync());
    long previousSeq = snapshotSeq;
    boolean linked = false;
    if (keepPrevious && previousSeq >= 0 && Files.exists(main)) {
      Path backup = BackupFiles.path(dir, BackupFiles.nextId(dir, now)).orElseThrow();
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
      BackupFiles.rotate(dir, settings.backupKeep());
      await(committer.dropSegmentsThrough(previousSeq));
    }
  }

  /** Runs a compaction now (for tests and tools); waits for it. */
  void compactNow() {
    maintenance.lock();
    try {
      ensureOpen();
      compact("compaction", true, true);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot compact store in " + dir + ": " + DirectoryLock.describe(e), e);
    } finally {
      maintenance.unlock();
    }
  }

  // ------------------------------------------------------------------ backups

  @Override
  public Backups backups() {
    return new FileBackups();
  }

  private final class FileBackups implements Backups {
    @Override
    public BackupInfo create(String reason) {
      maintenance.lock();
      try {
        ensureOpen();
        StoreData.Frozen frozen;
        CompletableFuture<Void> written;
        rw.readLock().lock();
        try {
          frozen = data.freeze(lastSeq, audit.lastSequence());
          written = committer.barrier();
        } finally {
          rw.readLock().unlock();
        }
        await(written);
        Instant now = clock.instant();
        String id = BackupFiles.nextId(dir, now);
        Path file = BackupFiles.path(dir, id).orElseThrow();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        SnapshotFile.write(tmp, frozen, reason, now, settings.fsync());
        DurableFiles.atomicMove(tmp, file);
        DurableFiles.forceDirectory(dir);
        BackupInfo info = new BackupInfo(id, DurableFiles.parseStamp(id), Files.size(file), reason);
        BackupFiles.rotate(dir, settings.backupKeep());
        return info;
      } catch (IOException e) {
        throw new StoreUnavailableException("cannot write a backup of store in " + dir + ": " + DirectoryLock.describe(e), e);
      } finally {
        maintenance.unlock();
      }
    }

    @Override
    public List<BackupInfo> list() {
      ensureOpen();
      try {
        List<BackupInfo> out = new ArrayList<>();
        for (String id : BackupFiles.ids(dir)) {
          try {
            out.add(BackupFiles.info(dir, id));
          } catch (java.nio.file.NoSuchFileException e) {
            // rotated away while listing
          }
        }
        return out;
      } catch (IOException e) {
        throw new StoreUnavailableException("cannot list the backups of store in " + dir + ": " + DirectoryLock.describe(e), e);
      }
    }

    @Override
    public void restore(String id) {
      maintenance.lock();
      try {
        ensureOpen();
        Path file = BackupFiles.path(dir, id).filter(Files::exists).orElseThrow(() -> new NotFoundException("backup " + id));
        StoreData restored;
        try {
          restored = SnapshotFile.load(file).data();
        } catch (SnapshotFile.DamagedException e) {
          throw new StoreUnavailableException("backup " + id + " cannot be restored: " + e.getMessage(), e);
        }
        GroupCommitter.Unit unit;
        rw.writeLock().lock();
        try {
          String broken = committer.broken();
          if (broken != null) {
            throw new StoreUnavailableException("store in " + dir + " cannot write: " + broken);
          }
          StoreData previous = data;
          long seq = lastSeq + 1;
          restored.lastMemoryId = Math.max(restored.lastMemoryId, previous.lastMemoryId);
          restored.lastGoalId = Math.max(restored.lastGoalId, previous.lastGoalId);
          String change = JsonValue.objectBuilder().put("op", "restore").put("backup", id).build().toJson();
          byte[] line = Journal.encode(seq, restored.lastMemoryId, restored.lastGoalId, List.of(change));
          Deque<Runnable> undo = new ArrayDeque<>();
          undo.push(() -> data = previous);
          unit = new GroupCommitter.Unit(seq, line, List.of(), undo);
          data = restored;
          lastSeq = seq;
          committer.submit(unit);
        } finally {
          rw.writeLock().unlock();
        }
        await(unit.done);
        // Fold the restore into memory.json now, so the data no longer depends on the backup file.
        compact("restore of " + id, false, true);
      } catch (IOException e) {
        throw new StoreUnavailableException("cannot restore backup " + id + " of store in " + dir + ": "
            + DirectoryLock.describe(e), e);
      } finally {
        maintenance.unlock();
      }
    }
  }

  // ------------------------------------------------------------------ close

  @Override
  public void close() {
    rw.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      rw.writeLock().unlock();
    }
    compactor.shutdown();
    try {
      compactor.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    maintenance.lock();
    try {
      if (committer.broken() == null && lastSeq > snapshotSeq) {
        if (journalIsLarge()) {
          compact("compaction", true, true);
        } else if (snapshotSize <= settings.compactBytes()) {
          // A small memory.json is cheap to rewrite: after a clean close it holds everything.
          // A large one is left to the next compaction; the journal holds the rest.
          compact("close", false, false);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "json:" + dir + ": compaction at close failed, the journal keeps every change: " + e);
    } finally {
      maintenance.unlock();
      committer.close();
      lock.close();
    }
  }

  /**
   * Releases the store as a killed process would leave it, except that every acknowledged record
   * is on disk already: no compaction, the journal stays. For tests of recovery.
   */
  void closeLeavingJournal() {
    rw.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      rw.writeLock().unlock();
    }
    compactor.shutdownNow();
    try {
      compactor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    committer.close();
    lock.close();
  }

  /** How many batches the journal has written: fewer than records when writers were grouped. */
  long journalBatches() {
    return committer.batches();
  }

  /** The embeddings file, opened at its first use (a store used without a model never creates it). */
  private synchronized VectorFile vectorFile() {
    if (vectorFile == null) {
      vectorFile = new VectorFile(dir);
    }
    return vectorFile;
  }

  // ------------------------------------------------------------------ the unit of work's view

  /** A unit of work's view of the records; {@code undo} is null for reads, which may not write. */
  private final class Tx implements StoreTransaction, AuditLog {
    private final Deque<Runnable> undo;
    private final StoreData d = data;
    private final StateView stateView = new StateView();
    private final MemoryView memoryView = new MemoryView();
    private final GoalView goalView = new GoalView();
    private final VectorView vectorView = new VectorView();
    final List<String> changes = new ArrayList<>();
    final List<byte[]> auditLines = new ArrayList<>();
    boolean done;

    Tx(Deque<Runnable> undo) {
      this.undo = undo;
    }

    private void writing() {
      if (undo == null) {
        throw new IllegalStateException("a read may not write");
      }
      if (done) {
        throw new IllegalStateException("the unit of work has ended");
      }
    }

    @Override
    public Optional<VectorRecords> vectors() {
      return Optional.of(vectorView);
    }

    /**
     * The embeddings, in {@link VectorFile} rather than the journal: derived data, so a put is
     * kept even when its unit of work fails (the vector's text hash still tells whether it is current).
     */
    private final class VectorView implements VectorRecords {
      private boolean exists(Namespace namespace, long id) {
        StoreData.Space space = d.space(namespace);
        return space != null && space.memories.containsKey(id);
      }

      @Override
      public void put(MemoryVector vector) {
        writing();
        if (memoryView.ownerOf(vector.memory()).isPresent()) {
          vectorFile().put(vector);
        }
      }

      @Override
      public void forEach(Namespace namespace, String model, Consumer<MemoryVector> sink) {
        vectorFile().compact(id -> d.memoryOwner(id) != null);
        vectorFile().live(model, id -> exists(namespace, id)).values().forEach(sink);
      }

      @Override
      public void delete(MemoryId id) {
        writing();
        vectorFile().remove(id.value());
      }

      @Override
      public long count(Namespace namespace, String model) {
        return vectorFile().live(model, id -> exists(namespace, id)).size();
      }
    }

    void undoAll() {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      changes.clear();
      auditLines.clear();
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
    public SortedSet<Namespace> namespaces() {
      return d.namespaces();
    }

    @Override
    public AuditEntry append(AuditEntry entry) {
      writing();
      AuditEntry stored = entry.withSequence(audit.lastSequence() + 1);
      AuditTrail.Row row = AuditTrail.row(stored);
      audit.add(row);
      undo.push(audit::removeLast);
      auditLines.add(row.json());
      changes.add(Journal.put("audit.append", new String(row.json(), StandardCharsets.UTF_8)));
      return stored;
    }

    @Override
    public List<AuditEntry> query(Optional<Namespace> namespace, AuditQuery query) {
      return audit.query(namespace, query);
    }

    private final class StateView implements StateRecords {
      @Override
      public Optional<StateEntry> find(Namespace namespace, StateKey key) {
        StoreData.Space s = d.space(namespace);
        return s == null ? Optional.empty() : Optional.ofNullable(s.state.get(key.value()));
      }

      @Override
      public List<StateEntry> list(Namespace namespace, String prefix) {
        StoreData.Space s = d.space(namespace);
        if (s == null) {
          return List.of();
        }
        List<StateEntry> out = new ArrayList<>();
        for (Map.Entry<String, StateEntry> e : s.state.tailMap(prefix, true).entrySet()) {
          if (!e.getKey().startsWith(prefix)) {
            break;
          }
          out.add(e.getValue());
        }
        return out;
      }

      @Override
      public void put(StateEntry entry) {
        writing();
        StateEntry old = d.putState(entry);
        undo.push(() -> {
          d.removeState(entry.namespace(), entry.key());
          if (old != null) {
            d.putState(old);
          }
        });
        changes.add(Journal.put("state.put", RecordJson.state(entry).toJson()));
      }

      @Override
      public boolean delete(Namespace namespace, StateKey key) {
        writing();
        StateEntry old = d.removeState(namespace, key);
        if (old == null) {
          return false;
        }
        undo.push(() -> d.putState(old));
        changes.add(Journal.delete("state.delete", namespace.value(), "key", JsonValue.of(key.value())));
        return true;
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
        writing();
        long previous = d.lastMemoryId;
        d.lastMemoryId++;
        undo.push(() -> d.lastMemoryId = previous);
        return MemoryId.of(d.lastMemoryId);
      }

      @Override
      public void put(Memory memory) {
        writing();
        long previousLast = d.lastMemoryId;
        Memory old = d.putMemory(memory);
        undo.push(() -> {
          d.removeMemory(memory.id().value());
          if (old != null) {
            d.putMemory(old);
          }
          d.lastMemoryId = previousLast;
        });
        changes.add(Journal.put("memory.put", RecordJson.memory(memory).toJson()));
      }

      @Override
      public Optional<Memory> find(Namespace namespace, MemoryId id) {
        StoreData.Space s = d.space(namespace);
        return s == null ? Optional.empty() : Optional.ofNullable(s.memories.get(id.value()));
      }

      @Override
      public Optional<Memory> findByKey(Namespace namespace, MemoryKey key) {
        return Optional.ofNullable(d.findByKey(namespace, key));
      }

      @Override
      public Optional<Namespace> ownerOf(MemoryId id) {
        return Optional.ofNullable(d.memoryOwner(id.value()));
      }

      @Override
      public boolean delete(Namespace namespace, MemoryId id) {
        writing();
        if (find(namespace, id).isEmpty()) {
          return false;
        }
        Memory old = d.removeMemory(id.value());
        undo.push(() -> d.putMemory(old));
        changes.add(Journal.delete("memory.delete", namespace.value(), "id", JsonValue.of(id.value())));
        return true;
      }

      @Override
      public void deleteAll(Namespace namespace) {
        StoreData.Space s = d.space(namespace);
        if (s != null) {
          for (Long id : new ArrayList<>(s.memories.keySet())) {
            delete(namespace, MemoryId.of(id));
          }
        }
      }

      @Override
      public long count(Namespace namespace) {
        StoreData.Space s = d.space(namespace);
        return s == null ? 0 : s.memories.size();
      }

      @Override
      public List<Memory> list(Namespace namespace, MemoryFilter filter, Optional<MemoryId> before, int limit) {
        StoreData.Space s = d.space(namespace);
        if (s == null) {
          return List.of();
        }
        NavigableMap<Long, Memory> view = before.isPresent() ? s.memories.headMap(before.get().value(), false) : s.memories;
        List<Memory> out = new ArrayList<>();
        for (Memory m : view.descendingMap().values()) {
          if (out.size() >= limit) {
            break;
          }
          if (filter.matches(m)) {
            out.add(m);
          }
        }
        return out;
      }

      @Override
      public List<SearchHit> search(Namespace namespace, SearchQuery query, MemoryFilter filter, int limit) {
        StoreData.Space s = d.space(namespace);
        if (s == null) {
          return List.of();
        }
        List<SearchHit> hits = new ArrayList<>();
        for (Bm25Index.Scored scored : s.searchIndex().score(query.terms())) {
          Memory m = s.memories.get(scored.id());
          if (m != null && filter.matches(m)) {
            hits.add(new SearchHit(m, scored.score(), scored.matchedTerms()));
          }
        }
        hits.sort(SearchHit.BEST_FIRST);
        return hits.size() > limit ? new ArrayList<>(hits.subList(0, limit)) : hits;
      }
    }

    private final class GoalView implements GoalRecords {
      @Override
      public GoalId nextId() {
        writing();
        long previous = d.lastGoalId;
        d.lastGoalId++;
        undo.push(() -> d.lastGoalId = previous);
        return GoalId.of(d.lastGoalId);
      }

      @Override
      public void put(Goal goal) {
        writing();
        long previousLast = d.lastGoalId;
        Goal old = d.putGoal(goal);
        undo.push(() -> {
          d.removeGoal(goal.id().value());
          if (old != null) {
            d.putGoal(old);
          }
          d.lastGoalId = previousLast;
        });
        changes.add(Journal.put("goal.put", RecordJson.goal(goal).toJson()));
      }

      @Override
      public Optional<Goal> find(Namespace namespace, GoalId id) {
        StoreData.Space s = d.space(namespace);
        return s == null ? Optional.empty() : Optional.ofNullable(s.goals.get(id.value()));
      }

      @Override
      public Optional<Namespace> ownerOf(GoalId id) {
        return Optional.ofNullable(d.goalOwner(id.value()));
      }

      @Override
      public List<Goal> list(Namespace namespace, Set<GoalStatus> statuses) {
        StoreData.Space s = d.space(namespace);
        if (s == null) {
          return List.of();
        }
        List<Goal> out = new ArrayList<>();
        for (Goal g : s.goals.values()) {
          if (statuses.isEmpty() || statuses.contains(g.status())) {
            out.add(g);
          }
        }
        return out;
      }

      @Override
      public boolean delete(Namespace namespace, GoalId id) {
        writing();
        if (find(namespace, id).isEmpty()) {
          return false;
        }
        Goal old = d.removeGoal(id.value());
        undo.push(() -> d.putGoal(old));
        changes.add(Journal.delete("goal.delete", namespace.value(), "id", JsonValue.of(id.value())));
        return true;
      }

      @Override
      public void deleteAll(Namespace namespace) {
        StoreData.Space s = d.space(namespace);
        if (s != null) {
          for (Long id : new ArrayList<>(s.goals.keySet())) {
            delete(namespace, GoalId.of(id));
          }
        }
      }
    }
  }
}
