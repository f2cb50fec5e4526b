package dev.memkit.store.sqlite;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.StoreHealth;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.port.out.DirectoryProbe;
import dev.memkit.core.port.out.Observer;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreWork;
import dev.memkit.store.jdbc.JdbcTransaction;
import dev.memkit.store.jdbc.Lifecycle;
import dev.memkit.store.jdbc.SqlConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * The SQLite store: one writer thread committing groups of units of work, a pool of readers,
 * backups beside the file. Shared by every thread of the process; another process may open the same
 * file at the same time (SQLite's locks serialise their writes).
 */
final class SqliteStore implements Store {
  private final SqliteSettings settings;
  private final SqlConnection writerDb;
  private final GroupCommitWriter writer;
  private final ReaderPool readers;
  private final DataVersion dataVersion;
  private final SqliteBackups backups;

  /** The background checkpoint thread; null with {@code checkpoint=writer}. */
  private final Checkpointer checkpointer;

  private final Marks marks;
  private final IntegrityRecovery.Outcome opened;
  private final Lifecycle lifecycle;

  private SqliteStore(
      SqliteSettings settings,
      SqlConnection writerDb,
      Marks marks,
      IntegrityRecovery.Outcome opened,
      Clock clock,
      Observer observer)
      throws SQLException {
    this.settings = settings;
    this.writerDb = writerDb;
    this.marks = marks;
    this.opened = opened;
    this.lifecycle = new Lifecycle(settings.description());
    String where = settings.file().toString();
    SqliteBackups[] holder = new SqliteBackups[1];
    if (settings.backgroundCheckpoints()) {
      for (String pragma : Checkpointer.WRITER_PRAGMAS) {
        writerDb.execute(pragma);
      }
      SqlConnection checkpointDb =
          Connections.open(settings.file(), Connections.Role.PLAIN, settings);
      this.checkpointer =
          new Checkpointer(
              settings.file(),
              checkpointDb,
              () -> holder[0] != null && holder[0].copying(),
              this::restartLog);
    } else {
      // checkpoint=writer: SQLite's own automatic checkpoint inside the writer's commit
      this.checkpointer = null;
    }
    this.writer =
        new GroupCommitWriter(
            writerDb,
            settings.file(),
            marks,
            units -> {
              observer.batchCommitted(SqliteStoreProvider.SCHEME, units);
              if (checkpointer != null) {
                checkpointer.committed();
              }
              if (holder[0] != null) {
                holder[0].committed(units);
              }
            });
    try {
      this.backups = new SqliteBackups(settings, writer, marks, clock, observer);
    } catch (RuntimeException e) {
      writer.close();
      if (checkpointer != null) {
        checkpointer.close();
      }
      throw e;
    }
    holder[0] = backups;
    ReaderPool.Opener reader =
        () -> Connections.open(settings.file(), Connections.Role.READER, settings);
    this.readers = new ReaderPool(settings.readers(), reader, where);
    this.dataVersion =
        new DataVersion(
            reader, settings.file().resolveSibling(settings.file().getFileName() + "-shm"));
  }

  /**
   * Opens (creating when absent) the store described by {@code settings}: checks the file,
   * recovering it from a backup when damaged (and telling {@code observer}), and brings its schema
   * up to date. The store tells {@code observer} the size of every group commit and the backups it
   * takes.
   */
  static SqliteStore open(SqliteSettings settings, Observer observer) {
    Clock clock = Clock.systemUTC();
    Path file = settings.file();
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot create the directory " + file.getParent() + " for " + file + ": " + e, e);
    }
    IntegrityRecovery.Outcome outcome = IntegrityRecovery.checkOrRecover(settings, clock);
    if (outcome.recovered()) {
      observer.recovered(SqliteStoreProvider.SCHEME, "restored_backup");
    }
    SqlConnection db = null;
    Marks marks = null;
    try {
      db = Connections.open(file, Connections.Role.WRITER, settings);
      Migrations.apply(db);
      Marks.raise(db, outcome.floor());
      marks = Marks.open(file);
      marks.write(Marks.of(db));
      marks.force();
      return new SqliteStore(settings, db, marks, outcome, clock, observer);
    } catch (SQLException | IOException | RuntimeException e) {
      if (marks != null) {
        marks.close();
      }
      if (db != null) {
        db.close();
      }
      if (e instanceof SQLException sql) {
        throw SqlFailure.wrap(sql, "open it", file.toString());
      }
      if (e instanceof IOException io) {
        throw new StoreUnavailableException(
            "cannot write the high-water marks " + Marks.pathOf(file) + ": " + io, io);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Has the writer start the write-ahead log again, between two batches (see {@link Checkpointer}).
   */
  private void restartLog() {
    writer.exclusive(
        db -> {
          Checkpointer.restart(db, settings.busyTimeoutMillis());
          return null;
        });
  }

  /** What the check on open found and did. */
  IntegrityRecovery.Outcome opened() {
    return opened;
  }

  @Override
  public <T> T read(StoreWork<T> work) {
    JdbcTransaction inWrite = writer.currentOnThisThread();
    if (inWrite != null) {
      JdbcTransaction view = inWrite.readOnly();
      try {
        return work.run(view);
      } finally {
        view.end();
      }
    }
    lifecycle.ensureOpen();
    return readers.read(work);
  }

  /** SQLite's {@code PRAGMA data_version}, on a connection of its own (see {@link DataVersion}). */
  @Override
  public OptionalLong dataVersion() {
    if (lifecycle.closed() || writer.currentOnThisThread() != null) {
      return OptionalLong.empty();
    }
    return dataVersion.read();
  }

  @Override
  public <T> T write(StoreWork<T> work) {
    lifecycle.ensureOpen();
    return writer.write(work);
  }

  @Override
  public Backups backups() {
    lifecycle.ensureOpen();
    return backups;
  }

  /**
   * Probes what a write needs: the {@code -wal} file still there, room and write access in the
   * file's directory, and a real (empty) transaction through the writer, which takes SQLite's write
   * lock and commits.
   */
  @Override
  public StoreHealth health() {
    if (lifecycle.closed()) {
      return StoreHealth.failing(StoreHealth.Status.UNAVAILABLE, "the store is closed");
    }
    Path file = settings.file();
    if (!Files.exists(file.resolveSibling(file.getFileName() + "-wal"))) {
      return StoreHealth.failing(
          StoreHealth.Status.UNAVAILABLE, "the write-ahead log was deleted; restart the store");
    }
    StoreHealth disk = DirectoryProbe.probe(file.getParent());
    if (!disk.writable()) {
      return disk;
    }
    try {
      writer.exclusive(
          db -> {
            Connections.inTransaction(
                db, () -> db.execute("UPDATE sequences SET value = value WHERE name = 'memory'"));
            return null;
          });
      return StoreHealth.WRITABLE;
    } catch (StoreUnavailableException e) {
      SqlFailure.Cause cause =
          e.getCause() instanceof SQLException sql
              ? SqlFailure.causeOf(sql)
              : SqlFailure.Cause.OTHER;
      return switch (cause) {
        case READ_ONLY ->
            StoreHealth.failing(
                StoreHealth.Status.READ_ONLY, "read-only: the database file cannot be written");
        case FULL -> StoreHealth.failing(StoreHealth.Status.UNAVAILABLE, "disk full");
        case LOCKED ->
            StoreHealth.failing(StoreHealth.Status.UNAVAILABLE, "locked by another process");
        case DAMAGED ->
            StoreHealth.failing(
                StoreHealth.Status.UNAVAILABLE,
                "the database file is damaged; restart to recover it");
        default -> StoreHealth.failing(StoreHealth.Status.UNAVAILABLE, "I/O error");
      };
    }
  }

  @Override
  public String description() {
    return settings.description();
  }

  @Override
  public synchronized void close() {
    if (!lifecycle.close()) {
      return;
    }
    if (checkpointer != null) {
      checkpointer.close();
    }
    writer.close();
    backups.close();
    readers.close();
    dataVersion.close();
    marks.close();
    writerDb.close();
  }
}
