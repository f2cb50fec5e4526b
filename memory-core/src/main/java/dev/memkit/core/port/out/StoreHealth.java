package dev.memkit.core.port.out;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether a store's writes can succeed now: what a readiness check reports. The detail names the
 * cause in a few words (disk full, read-only, I/O error) and never a path, since readiness is
 * answered without a key.
 *
 * @param status what writes would do
 * @param detail the cause when writes cannot succeed; empty when they can
 */
public record StoreHealth(Status status, String detail) {
  /** What a write would do now. */
  public enum Status {
    /** Writes succeed. */
    WRITABLE("writable"),
    /** The store's files cannot be written: read-only file system or permissions. */
    READ_ONLY("read-only"),
    /** Writes fail for another cause: disk full, I/O error, a deleted write-ahead log, a closed store. */
    UNAVAILABLE("unavailable");

    private final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }

    /** The name readiness answers use: {@code writable}, {@code read-only}, {@code unavailable}. */
    public String wireName() {
      return wireName;
    }
  }

  /** Writes succeed. */
  public static final StoreHealth WRITABLE = new StoreHealth(Status.WRITABLE, "");

  /** Checks both parts are present and that only a failing status carries a cause. */
  public StoreHealth {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  /** Writes fail with {@code status} because of {@code detail}. */
  public static StoreHealth failing(Status status, String detail) {
    return new StoreHealth(status, detail);
  }

  /** Whether writes succeed. */
  public boolean writable() {
    return status == Status.WRITABLE;
  }

  /** How much a probe writes: enough to need a fresh block of a full disk. */
  private static final int PROBE_BYTES = 64 * 1024;

  /**
   * Probes {@code directory} the way a write would use it: creates a file, writes and syncs
   * {@value #PROBE_BYTES} bytes, deletes it. A full disk, a read-only file system or an I/O error
   * shows up here before any data is touched.
   */
  public static StoreHealth probe(Path directory) {
    Path file = directory.resolve(".memkit-ready-probe");
    try {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer block = ByteBuffer.allocate(PROBE_BYTES);
        while (block.hasRemaining()) {
          ch.write(block);
        }
        ch.force(true);
      }
      return WRITABLE;
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
      return failing(Status.UNAVAILABLE, "disk full");
    }
    if (message.contains("read-only") || e instanceof java.nio.file.AccessDeniedException) {
      return failing(Status.READ_ONLY, "read-only: the store's files cannot be written");
    }
    return failing(Status.UNAVAILABLE, "I/O error");
  }
}
