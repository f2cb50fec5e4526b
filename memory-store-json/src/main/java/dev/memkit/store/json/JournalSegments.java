package dev.memkit.store.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal's segment files as {@link JournalWriter} writes them: the active segment that records
 * are appended to, the number of every segment's last record, starting the next segment, cutting
 * the active one back after a failed write, and deleting the segments a snapshot holds. Used only
 * on the journal thread.
 */
final class JournalSegments {
  private final Path dir;
  private final boolean fsync;

  /** Segments by first record number, with the number of their last record. */
  private final TreeMap<Long, long[]> lastSeq = new TreeMap<>();

  private FileChannel active;
  private long activeFirstSeq;

  /** The path of the active segment, named by {@link #activeFirstSeq}; made once per segment. */
  private Path activePath;

  private long activeSize;

  /**
   * The segment the first record appends to, when the journal was clean at open; null: start a new
   * one.
   */
  private Long reopen;

  /**
   * @param existing the segments found at open, in order, each with its last record's number; the
   *     first record written goes on the end of the last of them
   */
  JournalSegments(Path dir, boolean fsync, Map<Long, Long> existing) {
    this.dir = dir;
    this.fsync = fsync;
    existing.forEach((first, last) -> lastSeq.put(first, new long[] {last}));
    this.reopen = lastSeq.isEmpty() ? null : lastSeq.lastKey();
  }

  /** Whether a segment is open for appending. */
  boolean isOpen() {
    return active != null;
  }

  /** Bytes in the active segment. */
  long activeSize() {
    return activeSize;
  }

  /** The file of the active segment. */
  Path activePath() {
    return activePath;
  }

  /** Writes {@code buffers} to the end of the active segment; {@link #force} makes them durable. */
  void write(ByteBuffer[] buffers) throws IOException {
    DurableFiles.writeFully(active, buffers);
  }

  /** Forces what was written to the active segment to disk when fsync is on. */
  void force() throws IOException {
    if (fsync) {
      active.force(false);
    }
  }

  /** Counts {@code bytes} written to the active segment. */
  void grew(long bytes) {
    activeSize += bytes;
  }

  /** Notes that the active segment now ends with record {@code seq}. */
  void endsWith(long seq) {
    lastSeq.get(activeFirstSeq)[0] = seq;
  }

  /**
   * Opens the segment records from {@code firstSeq} go to: the segment found at open, the first
   * time, when it is still there; otherwise a new segment named {@code firstSeq}.
   */
  void open(long firstSeq) throws IOException {
    if (reopen != null) {
      Long last = reopen;
      reopen = null;
      Path path = Journal.segmentPath(dir, last);
      if (Files.isRegularFile(path)) {
        active = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        activeFirstSeq = last;
        activePath = path;
        activeSize = active.size();
        return;
      }
    }
    Path path = Journal.segmentPath(dir, firstSeq);
    active =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    try {
      DurableFiles.forceDirectory(dir);
    } catch (IOException e) {
      active.close();
      active = null;
      Files.deleteIfExists(path);
      throw e;
    }
    activeFirstSeq = firstSeq;
    activePath = path;
    activeSize = 0;
    lastSeq.put(firstSeq, new long[] {firstSeq - 1});
  }

  /** Forces (when fsync is on) and closes the active segment; the next record opens a new one. */
  void close() throws IOException {
    reopen = null;
    if (active != null) {
      if (fsync) {
        active.force(false);
      }
      active.close();
      active = null;
    }
  }

  /**
   * Cuts the active segment back to {@code size} bytes after a failed write and closes it: once
   * space is freed, the next record starts a new segment. Nothing to do when none is open.
   */
  void cutBack(long size) throws IOException {
    if (active == null) {
      return;
    }
    if (active.size() > size) {
      active.truncate(size);
      if (fsync) {
        active.force(false);
      }
    }
    active.close();
    active = null;
    activeSize = 0;
  }

  /**
   * Deletes the segments, other than the active one, whose records all have numbers of at most
   * {@code seq}.
   */
  void dropThrough(long seq) throws IOException {
    boolean any = false;
    for (var it = lastSeq.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      boolean isActive = active != null && e.getKey() == activeFirstSeq;
      if (!isActive && e.getValue()[0] <= seq) {
        Files.deleteIfExists(Journal.segmentPath(dir, e.getKey()));
        it.remove();
        any = true;
      }
    }
    if (any) {
      DurableFiles.forceDirectory(dir);
    }
  }
}
