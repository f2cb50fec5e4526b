package dev.memkit.store.json;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.port.out.StoreLocation;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The settings of a {@code json:} store, from its URI or the environment.
 *
 * @param dir the directory holding the files, absolute
 * @param backupKeep how many {@code memory_backup_*.json} files to keep
 * @param compactBytes the journal size past which a compaction runs (it also waits until the
 *     journal is {@code compactFactor} times as large as {@code memory.json}, so the cost per write
 *     stays flat)
 * @param compactFactor how many times the size of {@code memory.json} the journal must reach before
 *     a compaction runs: each compaction rewrites at most one byte per {@code compactFactor} bytes
 *     of journal, and an open replays at most this many times the snapshot's size
 * @param fsync whether each commit is forced to disk ({@code always}) or left to the operating
 *     system ({@code never}: survives a killed process, not a power cut)
 */
record JsonStoreSettings(
    Path dir, int backupKeep, long compactBytes, int compactFactor, boolean fsync) {
  /** Default of {@code compact_bytes}: 1 MiB. */
  static final int DEFAULT_COMPACT_BYTES = 1 << 20;

  /** Default of {@code compact_factor}. */
  static final int DEFAULT_COMPACT_FACTOR = 4;

  /** Largest {@code compact_factor}: beyond it an open would replay far more than it loads. */
  static final int MAX_COMPACT_FACTOR = 64;

  static JsonStoreSettings from(StoreLocation location) {
    String raw = location.path();
    if (raw.isBlank()) {
      throw new ValidationException("store", "must name a directory, e.g. json:./data/memkit");
    }
    Path dir;
    try {
      dir = Path.of(raw).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new ValidationException(
          "store", "names a directory that is not a valid path: '" + raw + "'");
    }
    int keep = location.backupKeep();
    int compact =
        location.intSetting(
            "compact_bytes",
            "MEMKIT_JSON_COMPACT_BYTES",
            DEFAULT_COMPACT_BYTES,
            1024,
            Integer.MAX_VALUE);
    int factor =
        location.intSetting(
            "compact_factor",
            "MEMKIT_JSON_COMPACT_FACTOR",
            DEFAULT_COMPACT_FACTOR,
            1,
            MAX_COMPACT_FACTOR);
    String fsync =
        location
            .setting("fsync", "MEMKIT_JSON_FSYNC")
            .orElse("always")
            .trim()
            .toLowerCase(Locale.ROOT);
    if (!fsync.equals("always") && !fsync.equals("never")) {
      throw new ValidationException("fsync", "must be always or never, got '" + fsync + "'");
    }
    return new JsonStoreSettings(dir, keep, compact, factor, fsync.equals("always"));
  }
}
