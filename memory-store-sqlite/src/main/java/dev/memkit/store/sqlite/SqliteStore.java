package dev.memkit.store.sqlite;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.port.out.Observer;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreWork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The SQLite store: one writer thread committing groups of units of work, a pool of readers,
 * backups beside the file. Shared by every thread of the process; another process may open the
 * same file at the same time (SQLite's locks serialise their writes).
 */
final class SqliteStore implements Store {
  private final SqliteSettings settings;
  private final Db writerDb;
  private final GroupCommitWriter writer;
  private final ReaderPool readers;
  private final BackupFiles backups;
  private final Recovery.Outcome opened;
  private volatile boolean closed;

  private SqliteStore(SqliteSettings settings, Db writerDb, Recovery.Outcome opened, Clock clock, Observer observer) {
    this.settings = settings;
    this.writerDb = writerDb;
    this.opened = opened;
    String where = settings.file().toString();
    BackupFiles[] holder = new BackupFiles[1];
    this.writer = new GroupCommitWriter(writerDb, where, units -> {
      observer.batchCommitted(SqliteStoreProvider.SCHEME, units);
      if (holder[0] != null) {
        holder[0].committed(units);
      }
    });
    try {
      this.backups = new BackupFiles(settings, writer, clock);
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
    holder[0] = backups;
    this.readers = new ReaderPool(settings.readers(),
        () -> Connections.open(settings.file(), Connections.Role.READER, settings), where);
  }

  /**
   * Opens (creating when absent) the store described by {@code settings}: checks the file,
   * recovering it from a backup when damaged (and telling {@code observer}), and brings its schema
   * up to date. The store tells {@code observer} the size of every group commit.
   */
  static SqliteStore open(SqliteSettings settings, Observer observer) {
    Clock clock = Clock.systemUTC();
    Path file = settings.file();
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot create the directory " + file.getParent() + " for " + file + ": " + e, e);
    }
    Recovery.Outcome outcome = Recovery.checkOrRecover(settings, clock);
    if (outcome.recovered()) {
      observer.recovered(SqliteStoreProvider.SCHEME, "restored_backup");
    }
    Db db = null;
    try {
      db = Connections.open(file, Connections.Role.WRITER, settings);
      Migrations.apply(db);
      return new SqliteStore(settings, db, outcome, clock, observer);
    } catch (SQLException e) {
      if (db != null) {
        db.close();
      }
      throw SqlFailure.wrap(e, "open it", file.toString());
    } catch (RuntimeException e) {
      if (db != null) {
        db.close();
      }
      throw e;
    }
  }

  /** What the check on open found and did. */
  Recovery.Outcome opened() {
    return opened;
  }

  @Override
  public <T> T read(StoreWork<T> work) {
    SqlTransaction inWrite = writer.currentOnThisThread();
    if (inWrite != null) {
      SqlTransaction view = new SqlTransaction(inWrite.db(), false);
      try {
        return work.run(view);
      } finally {
        view.end();
      }
    }
    ensureOpen();
    return readers.read(work);
  }

  @Override
  public <T> T write(StoreWork<T> work) {
    ensureOpen();
    return writer.write(work);
  }

  @Override
  public Backups backups() {
    ensureOpen();
    return backups;
  }

  @Override
  public String description() {
    return settings.description();
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreUnavailableException("store " + description() + " is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    writer.close();
    backups.close();
    readers.close();
    writerDb.close();
  }
}
