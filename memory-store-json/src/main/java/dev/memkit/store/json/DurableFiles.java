package dev.memkit.store.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The file operations durability rests on: forcing a directory, atomic renames, moving damage
 * aside.
 */
final class DurableFiles {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private DurableFiles() {}

  /** {@code t} as used in file names: {@code 20261121T071500.123Z}. */
  static String stamp(Instant t) {
    return STAMP.format(t);
  }

  /** Parses a {@link #stamp}. */
  static Instant parseStamp(String s) {
    return STAMP.parse(s, Instant::from);
  }

  /**
   * Forces {@code dir}'s entries (new, renamed and removed files) to disk. Some systems cannot open
   * a directory for this; there the rename is as durable as the system makes it.
   */
  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (System.getProperty("os.name", "")
          .toLowerCase(java.util.Locale.ROOT)
          .startsWith("windows")) {
        return;
      }
      throw e;
    }
  }

  /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
  static void atomicMove(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A name beside {@code file} that no file has: {@code file.damaged-<stamp>}. */
  static Path asideName(Path file, String what, Instant now) {
    Path aside = file.resolveSibling(file.getFileName() + "." + what + "-" + stamp(now));
    int n = 1;
    while (Files.exists(aside)) {
      aside = file.resolveSibling(file.getFileName() + "." + what + "-" + stamp(now) + "-" + n++);
    }
    return aside;
  }

  /** Renames {@code file} to a {@code .damaged-<stamp>} name beside it and returns that name. */
  static Path moveAside(Path file, Instant now) throws IOException {
    Path aside = asideName(file, "damaged", now);
    Files.move(file, aside);
    forceDirectory(file.getParent());
    return aside;
  }

  /**
   * Copies the bytes of {@code file} from {@code from} to its end into a {@code .damaged-<stamp>}
   * file beside it, then cuts {@code file} at {@code from}. Returns the copy.
   */
  static Path cutAside(Path file, long from, Instant now) throws IOException {
    Path aside = asideName(file, "damaged", now);
    try (FileChannel in =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel out =
            FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long size = in.size();
      long pos = from;
      while (pos < size) {
        pos += in.transferTo(pos, size - pos, out);
      }
      out.force(true);
      forceDirectory(file.getParent());
      in.truncate(from);
      in.force(true);
    }
    return aside;
  }

  /** Writes all of {@code buffers} to {@code channel} at its position. */
  static void writeFully(FileChannel channel, ByteBuffer[] buffers) throws IOException {
    long remaining = 0;
    for (ByteBuffer b : buffers) {
      remaining += b.remaining();
    }
    while (remaining > 0) {
      remaining -= channel.write(buffers);
    }
  }

  /** Reads up to {@code max} bytes of {@code file}. */
  static String head(Path file, int max) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(max), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
