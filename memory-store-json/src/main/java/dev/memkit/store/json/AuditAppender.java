package dev.memkit.store.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Appends audit lines to {@code memory_audit.log}, on the journal thread, once the journal records
 * holding them are durable. Lines that cannot be written wait in a backlog and go out with the next
 * ones: the journal holds them meanwhile, and the next open appends what is missing.
 */
final class AuditAppender {
  private static final System.Logger LOG = System.getLogger(AuditAppender.class.getPackageName());

  private final Path path;
  private final FileChannel channel;
  private final Deque<byte[]> backlog = new ArrayDeque<>();

  AuditAppender(Path path) throws IOException {
    this.path = path;
    this.channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** Appends {@code lines} of a durable batch; a failure leaves them queued. */
  void append(List<byte[]> lines) {
    backlog.addAll(lines);
    try {
      flush();
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot append to "
              + path
              + " ("
              + DirectoryLock.describe(e)
              + "); the entries are in the journal and will be appended later");
    }
  }

  /** Writes the backlog, then, with {@code fsync}, forces the file to disk. */
  void flush(boolean fsync) throws IOException {
    flush();
    if (fsync) {
      channel.force(false);
    }
  }

  private void flush() throws IOException {
    if (backlog.isEmpty()) {
      return;
    }
    int size = 0;
    for (byte[] line : backlog) {
      size += line.length + 1;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    for (byte[] line : backlog) {
      buf.put(line).put((byte) '\n');
    }
    buf.flip();
    long start = channel.size();
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    } catch (IOException e) {
      try {
        channel.truncate(start);
      } catch (IOException ignored) {
        // a torn last line is cut at the next open
      }
      throw e;
    }
    backlog.clear();
  }

  /** Writes and forces what is left, logging what cannot be, then closes the file. */
  void finish(boolean fsync) {
    try {
      flush(fsync);
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot finish "
              + path
              + " ("
              + DirectoryLock.describe(e)
              + "); the journal still holds its last entries");
    }
    close();
  }

  /** Closes the file. */
  void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING, "cannot close " + path + ": " + DirectoryLock.describe(e));
    }
  }
}
