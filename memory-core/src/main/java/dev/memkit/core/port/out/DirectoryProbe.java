package dev.memkit.core.port.out;

import dev.memkit.core.model.StoreHealth;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** A store's readiness probe of the directory it writes in, shared by the file-based stores. */
public final class DirectoryProbe {
  /** How much a probe writes: enough to need a fresh block of a full disk. */
  private static final int PROBE_BYTES = 64 * 1024;

  private DirectoryProbe() {}

  /**
   * Probes {@code directory} the way a write would use it: creates a file, writes and syncs {@value
   * #PROBE_BYTES} bytes, deletes it. A full disk, a read-only file system or an I/O error shows up
   * here before any data is touched.
   */
  public static StoreHealth probe(Path directory) {
    Path file = directory.resolve(".memkit-ready-probe");
    try {
      try (FileChannel ch =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer block = ByteBuffer.allocate(PROBE_BYTES);
        while (block.hasRemaining()) {
          ch.write(block);
        }
        ch.force(true);
      }
      return StoreHealth.WRITABLE;
    } catch (IOException e) {
      return fromIo(e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a file that cannot be deleted on a broken disk is found and reused by the next probe
      }
    }
  }

  /** The health an I/O failure stands for. */
  static StoreHealth fromIo(IOException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("no space") || message.contains("quota")) {
      return StoreHealth.failing(StoreHealth.Status.UNAVAILABLE, "disk full");
    }
    if (message.contains("read-only") || e instanceof java.nio.file.AccessDeniedException) {
      return StoreHealth.failing(
          StoreHealth.Status.READ_ONLY, "read-only: the store's files cannot be written");
    }
    return StoreHealth.failing(StoreHealth.Status.UNAVAILABLE, "I/O error");
  }
}
