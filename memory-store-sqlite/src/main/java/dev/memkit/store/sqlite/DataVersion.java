package dev.memkit.store.sqlite;

import dev.memkit.store.jdbc.SqlConnection;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The store's data version: SQLite's {@code PRAGMA data_version} on a read-only connection of its
 * own, which changes whenever another connection — this process's writer, or another process —
 * commits to the file (a connection's own commits do not change it; this one never writes).
 *
 * <p>The statement is asked again only when something may have been committed: before it, the first
 * copy of the WAL-index header is read from the {@code -shm} file, mapped read-only (48 bytes: the
 * change counter, the last valid frame, the salts and checksums; the layout SQLite documents in its
 * WAL-index format, shared by every process and version using the file). Every commit in WAL mode
 * rewrites that header before it completes, and restarting the log changes its salts; so while the
 * header reads the same as when the number was last asked, nothing was committed and the number
 * stands. A header read while a writer is changing it reads differently, and the statement is
 * asked. The mapping stays valid because this connection keeps the {@code -shm} file open and
 * locked for as long as the store is open (SQLite removes it only when the last connection closes).
 * Without the file (not yet there, or not mappable) the statement is asked every time.
 *
 * <p>The numbers of two connections cannot be compared, so when the connection fails and a new one
 * is opened, its numbers are moved past every number given before.
 */
final class DataVersion {
  /** How far the numbers of each new connection are moved: more commits than one file will see. */
  private static final long GENERATION = 1L << 40;

  /** The first copy of the WAL-index header: 48 bytes, read as six longs. */
  private static final int HEADER_LONGS = 6;

  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final ReaderPool.Opener opener;
  private final Path shm;

  /** Guarded by {@code this}. */
  private SqlConnection db;

  private long generation;
  private boolean closed;
  private MappedByteBuffer header;
  private final long[] seen = new long[HEADER_LONGS];
  private final long[] now = new long[HEADER_LONGS];
  private boolean seenValid;
  private boolean mapTried;
  private long version;
  private long statements;

  /**
   * @param shm the database's {@code -shm} file
   */
  DataVersion(ReaderPool.Opener opener, Path shm) {
    this.opener = opener;
    this.shm = shm;
  }

  /** The data version now; empty when the store is closed or the file cannot be read. */
  synchronized OptionalLong read() {
    if (closed) {
      return OptionalLong.empty();
    }
    try {
      if (db == null) {
        db = opener.open();
        generation++;
        seenValid = false;
        mapTried = false;
      }
      boolean headerRead = readHeader();
      if (headerRead && seenValid && Arrays.equals(now, seen)) {
        return OptionalLong.of(version);
      }
      // the header read before the statement: a commit after it shows in the next header
      version = generation * GENERATION + db.number("PRAGMA data_version");
      statements++;
      if (headerRead) {
        System.arraycopy(now, 0, seen, 0, HEADER_LONGS);
      }
      seenValid = headerRead;
      if (header == null && !mapTried) {
        // once the connection has the file open in WAL mode (used from the next call on)
        mapTried = true;
        header = map(shm);
      }
      return OptionalLong.of(version);
    } catch (SQLException | RuntimeException e) {
      // no version: the reads go to the file, which reports the failure itself
      closeConnection();
      return OptionalLong.empty();
    }
  }

  /** Reads the header into {@link #now}; false when there is no mapped header. */
  private boolean readHeader() {
    if (header == null) {
      return false;
    }
    for (int i = 0; i < HEADER_LONGS; i++) {
      now[i] = (long) LONGS.getVolatile(header, i * Long.BYTES);
    }
    return true;
  }

  /** The first 48 bytes of {@code shm} mapped read-only; null when it cannot be. */
  private static MappedByteBuffer map(Path shm) {
    try (FileChannel channel = FileChannel.open(shm, StandardOpenOption.READ)) {
      if (channel.size() < HEADER_LONGS * Long.BYTES) {
        return null;
      }
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, HEADER_LONGS * Long.BYTES);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** How many times the statement was asked, for tests. */
  synchronized long statements() {
    return statements;
  }

  /** Closes the connection; later calls return empty. */
  synchronized void close() {
    closed = true;
    closeConnection();
  }

  private void closeConnection() {
    header = null;
    seenValid = false;
    if (db != null) {
      db.close();
      db = null;
    }
  }
}
