package dev.memkit.store.sqlite;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.port.out.Observer;
import dev.memkit.store.jdbc.BackupIds;
import dev.memkit.store.jdbc.SqlConnection;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backups as whole database files made with {@code VACUUM INTO} — a consistent copy taken while the
 * store keeps working — in the directory {@code <file>.backups}, named {@code
 * <yyyyMMdd'T'HHmmssSSS'Z'>-<reason>.db}; the name without {@code .db} is the backup's id. Taken on
 * demand and automatically (after a number of writes, or an interval), rotated to the newest {@code
 * backup_keep}.
 */
final class SqliteBackups implements Backups {
  private static final System.Logger LOG = System.getLogger(SqliteBackups.class.getPackageName());
  private static final Pattern NAME = Pattern.compile("(\\d{8}T\\d{9}Z)-([a-z0-9-]{1,40})\\.db");

  /**
   * An automatic backup starts no sooner after the previous backup ended than this many times that
   * backup's duration, so backups copy for at most about 2% of the time however fast writes come.
   */
  static final int SPACING = 50;

  private final SqliteSettings settings;
  private final Path dir;
  private final GroupCommitWriter writer;
  private final Marks marks;
  private final Clock clock;
  private final Observer observer;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong writesSinceBackup = new AtomicLong();
  private final AtomicBoolean autoPending = new AtomicBoolean();
  private volatile Instant lastBackup;

  /** Whether a backup is being copied, holding a read of the database the whole time. */
  private volatile boolean copying;

  /**
   * When the last backup ended ({@link System#nanoTime()}) and how long it took, in nanoseconds.
   */
  private volatile long lastEnded;

  private volatile long lastTook;
  private final ScheduledExecutorService background;

  SqliteBackups(
      SqliteSettings settings,
      GroupCommitWriter writer,
      Marks marks,
      Clock clock,
      Observer observer) {
    this.settings = settings;
    this.dir = settings.backupDirectory();
    this.writer = writer;
    this.marks = marks;
    this.clock = clock;
    this.observer = observer;
    removeLeftovers(dir);
    this.lastBackup =
        files(dir).stream().findFirst().map(SqliteBackups::createdAt).orElse(clock.instant());
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "memkit-sqlite-backup " + settings.file());
              t.setDaemon(true);
              return t;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.background = executor;
    settings
        .backupInterval()
        .ifPresent(
            interval -> {
              long period = Math.max(1, Math.min(interval.toSeconds(), 60));
              background.scheduleWithFixedDelay(this::autoIfDue, period, period, TimeUnit.SECONDS);
            });
  }

  /** Counts writes just committed; starts an automatic backup in the background when due. */
  void committed(int units) {
    long since = writesSinceBackup.addAndGet(units);
    int every = settings.backupEveryWrites();
    if (every > 0 && since >= every && autoPending.compareAndSet(false, true)) {
      try {
        background.schedule(this::auto, spacingLeft(), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        autoPending.set(false);
      }
    }
  }

  private void autoIfDue() {
    Optional<Duration> interval = settings.backupInterval();
    if (interval.isPresent()
        && writesSinceBackup.get() > 0
        && spacingLeft() == 0
        && !clock.instant().isBefore(lastBackup.plus(interval.get()))
        && autoPending.compareAndSet(false, true)) {
      auto();
    }
  }

  /**
   * How long an automatic backup still has to wait after the last one, in nanoseconds (see {@link
   * #SPACING}).
   */
  private long spacingLeft() {
    if (lastTook == 0) {
      return 0;
    }
    return Math.max(0, lastEnded + SPACING * lastTook - System.nanoTime());
  }

  private void auto() {
    try {
      long endedBefore = lastEnded;
      long tookBefore = lastTook;
      BackupInfo info = create("auto");
      double took = lastTook / 1e6;
      double gap = tookBefore == 0 ? -1 : (lastEnded - lastTook - endedBefore) / 1e6;
      LOG.log(
          System.Logger.Level.DEBUG,
          "automatic backup {0} of {1} took {2} ms, started {3} ms after the previous"
              + " backup, which took {4} ms",
          info.id(),
          settings.file(),
          took,
          gap,
          tookBefore / 1e6);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "automatic backup of " + settings.file() + " failed: " + e.getMessage(),
          e);
    } finally {
      autoPending.set(false);
    }
  }

  /** Whether a backup is being copied at the moment (it holds a read snapshot until it is done). */
  boolean copying() {
    return copying;
  }

  @Override
  public BackupInfo create(String reason) {
    lock.lock();
    try {
      Files.createDirectories(dir);
      long writesBefore = writesSinceBackup.get();
      Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      List<Path> existing = files(dir);
      if (!existing.isEmpty() && !at.isAfter(createdAt(existing.get(0)))) {
        at = createdAt(existing.get(0)).plusMillis(1);
      }
      String id = BackupIds.of(at, reason);
      Path target = dir.resolve(id + ".db");
      Path partial = dir.resolve(id + ".db.partial");
      Files.deleteIfExists(partial);
      long started = System.nanoTime();
      copying = true;
      try (SqlConnection db = Connections.open(settings.file(), Connections.Role.PLAIN, settings)) {
        db.execute("VACUUM INTO ?", partial.toString());
      } catch (SQLException e) {
        Files.deleteIfExists(partial);
        throw SqlFailure.wrap(e, "write a backup to " + dir, settings.file().toString());
      } finally {
        copying = false;
      }
      force(partial);
      marks.force();
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      forceDirectory(dir);
      writesSinceBackup.addAndGet(-writesBefore);
      lastBackup = at;
      lastEnded = System.nanoTime();
      lastTook = Math.max(1, lastEnded - started);
      rotate();
      BackupInfo taken = info(target);
      observer.backupTaken(SqliteStoreProvider.SCHEME, taken.sizeBytes(), lastTook);
      return taken;
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot write a backup of " + settings.file() + " to " + dir + ": " + e, e);
    } finally {
      lock.unlock();
    }
  }

  private void rotate() throws IOException {
    List<Path> all = files(dir);
    for (int i = settings.backupKeep(); i < all.size(); i++) {
      Files.deleteIfExists(all.get(i));
    }
  }

  @Override
  public List<BackupInfo> list() {
    lock.lock();
    try {
      List<BackupInfo> out = new ArrayList<>();
      for (Path p : files(dir)) {
        try {
          out.add(info(p));
        } catch (IOException e) {
          // removed while listing
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void restore(String id) {
    Path file = find(dir, id).orElseThrow(() -> new NotFoundException("backup " + id));
    lock.lock();
    try {
      writer.exclusive(
          db -> {
            restoreFrom(db, file, id);
            return null;
          });
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replaces state, memories and goals with the backup's, keeping the audit log; ids never go back.
   */
  private void restoreFrom(SqlConnection db, Path backup, String id) throws SQLException {
    Path copy = dir.resolve(id + ".restoring");
    try {
      Files.copy(backup, copy, StandardCopyOption.REPLACE_EXISTING);
      try (SqlConnection source = Connections.open(copy, Connections.Role.PLAIN, settings)) {
        String problem = IntegrityRecovery.problem(source);
        if (problem != null) {
          throw new StoreUnavailableException(
              "backup " + id + " is damaged (" + problem + "); nothing was restored");
        }
        Migrations.apply(source);
      }
      db.execute("ATTACH DATABASE ? AS source", copy.toString());
      try {
        Connections.inTransaction(
            db,
            () -> {
              for (String sql :
                  List.of(
                      "DELETE FROM state",
                      "DELETE FROM memory_tags",
                      "DELETE FROM memories",
                      "DELETE FROM goal_progress",
                      "DELETE FROM goals",
                      "INSERT INTO state (namespace, key, value, version, updated_at)"
                          + " SELECT namespace, key, value, version, updated_at FROM source.state",
                      "INSERT INTO memories (id, namespace, text, tags, kind, metadata, occurred_at, client_key, created_at,"
                          + " updated_at, effective_s, effective_n) SELECT id, namespace, text, tags, kind, metadata, occurred_at,"
                          + " client_key, created_at, updated_at, effective_s, effective_n FROM source.memories",
                      "INSERT INTO memory_tags (memory_id, tag) SELECT memory_id, tag FROM source.memory_tags",
                      "INSERT INTO memory_vectors (memory_id, model, text_hash, vector)"
                          + " SELECT memory_id, model, text_hash, vector FROM source.memory_vectors",
                      "INSERT INTO goals (id, namespace, title, status, due_at, created_at, updated_at)"
                          + " SELECT id, namespace, title, status, due_at, created_at, updated_at FROM source.goals",
                      "INSERT INTO goal_progress (goal_id, position, at, from_status, to_status, note)"
                          + " SELECT goal_id, position, at, from_status, to_status, note FROM source.goal_progress",
                      "UPDATE sequences SET value = max(value,"
                          + " coalesce((SELECT s.value FROM source.sequences s WHERE s.name = sequences.name), 0))")) {
                db.execute(sql);
              }
            });
      } finally {
        try {
          db.execute("DETACH DATABASE source");
        } catch (SQLException ignored) {
          // the attachment ends with the connection anyway
        }
      }
      LOG.log(System.Logger.Level.INFO, "restored " + settings.file() + " from backup " + id);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read backup " + id + " in " + dir + ": " + e, e);
    } finally {
      deleteWithJournal(copy);
    }
  }

  /** Stops automatic backups, letting one that runs finish. */
  void close() {
    background.shutdown();
    try {
      background.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- files

  /**
   * Removes what a process killed while writing a backup ({@code *.db.partial}) or restoring one
   * ({@code *.restoring}, with its journal files) left in {@code dir}, and logs what it removed.
   * Called on open, before this process writes any of its own.
   */
  static void removeLeftovers(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<String> removed = new ArrayList<>();
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(
            dir, "*.{db.partial,restoring,restoring-wal,restoring-shm,restoring-journal}")) {
      for (Path p : stream) {
        if (Files.deleteIfExists(p)) {
          removed.add(p.toString());
        }
      }
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot remove unfinished backup files in " + dir + ": " + e,
          e);
      return;
    }
    if (!removed.isEmpty()) {
      removed.sort(null);
      LOG.log(
          System.Logger.Level.WARNING,
          "Removed unfinished backup files left by a process that stopped while"
              + " writing or restoring a backup: "
              + String.join(", ", removed));
    }
  }

  /** The backup files in {@code dir}, newest first. */
  static List<Path> files(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.db")) {
      for (Path p : stream) {
        if (NAME.matcher(p.getFileName().toString()).matches()) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot list the backups in " + dir + ": " + e, e);
    }
    out.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
    return out;
  }

  /** The file of backup {@code id}, if it exists; an id that is no backup name finds nothing. */
  static Optional<Path> find(Path dir, String id) {
    if (id == null || !NAME.matcher(id + ".db").matches()) {
      return Optional.empty();
    }
    Path p = dir.resolve(id + ".db");
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  static String idOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".db".length());
  }

  static Instant createdAt(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a backup: " + file);
    }
    return BackupIds.STAMP.parse(m.group(1), Instant::from);
  }

  private static BackupInfo info(Path file) throws IOException {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IOException("not a backup: " + file);
    }
    return new BackupInfo(idOf(file), createdAt(file), Files.size(file), m.group(2));
  }

  static void force(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not every platform can sync a directory; the file itself is synced
    }
  }

  static void deleteWithJournal(Path file) {
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      try {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      } catch (IOException e) {
        // a leftover temporary file is harmless
      }
    }
  }
}
