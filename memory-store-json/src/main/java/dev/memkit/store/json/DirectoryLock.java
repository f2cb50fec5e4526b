package dev.memkit.store.json;

import dev.memkit.core.error.StoreUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-writer-process rule: an exclusive lock on {@code memory.lock}, which holds the owner's
 * process id. The lock is the operating system's, so it goes away with the process, however it
 * ends; the file itself stays.
 */
final class DirectoryLock implements AutoCloseable {
  static final String FILE = "memory.lock";

  /** The directories this process holds, by real path. */
  private static final java.util.concurrent.ConcurrentHashMap<Path, Boolean> HELD =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dir} at once, or fails without writing anything.
   *
   * @throws StoreUnavailableException {@code store in DIR is locked by process PID} when another
   *     process (or another open store in this one) holds it, or when the file cannot be opened
   */
  static DirectoryLock acquire(Path dir) {
    Path file = dir.resolve(FILE);
    // Closing any descriptor of a locked file drops a POSIX lock held by the process, so a second
    // open in this process must be refused before it opens the file at all.
    if (HELD.putIfAbsent(key(dir), Boolean.TRUE) != null) {
      throw new StoreUnavailableException(
          "store in " + dir + " is locked by process " + ProcessHandle.current().pid());
    }
    try {
      return acquireFile(dir, file);
    } catch (RuntimeException e) {
      HELD.remove(key(dir));
      throw e;
    }
  }

  private static DirectoryLock acquireFile(Path dir, Path file) {
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot open store in " + dir + ": " + describe(e), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      close(channel);
      throw new StoreUnavailableException("cannot lock store in " + dir + ": " + describe(e), e);
    }
    if (lock == null) {
      String owner = owner(channel);
      close(channel);
      throw new StoreUnavailableException("store in " + dir + " is locked by process " + owner);
    }
    try {
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(true);
    } catch (IOException e) {
      close(channel);
      throw new StoreUnavailableException(
          "cannot write the lock file of store in " + dir + ": " + describe(e), e);
    }
    return new DirectoryLock(dir, channel, lock);
  }

  private static Path key(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }

  /**
   * The process id the lock file names; the owner writes it right after locking, so wait a moment
   * for it.
   */
  private static String owner(FileChannel channel) {
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        ByteBuffer buf = ByteBuffer.allocate(32);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
        if (text.matches("\\d+")) {
          return text;
        }
        Thread.sleep(10);
      } catch (IOException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return "(unknown)";
  }

  /**
   * An I/O failure in plain words naming its cause (disk full, read-only, permission), never an
   * exception class.
   */
  static String describe(IOException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    String lower = m.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("no space left") || lower.contains("disk quota")) {
      return "the disk is full (" + m + ")";
    }
    if (lower.contains("read-only file system")) {
      return "the file system is read-only (" + m + ")";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + m;
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + m;
    }
    return "I/O error" + (m.isEmpty() ? "" : ": " + m);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing more to release
    }
  }

  @Override
  public void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    close(channel);
    HELD.remove(key(dir));
  }
}
