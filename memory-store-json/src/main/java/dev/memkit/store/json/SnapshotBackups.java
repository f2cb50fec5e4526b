package dev.memkit.store.json;

import dev.memkit.core.model.BackupInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code memory_backup_<UTC time>.json} files: each a whole snapshot in the format of {@code
 * memory.json}. A backup's id is its time, e.g. {@code 20261121T071500.123Z}; ids are unique and
 * sort by age.
 */
final class SnapshotBackups {
  static final String PREFIX = "memory_backup_";
  static final String SUFFIX = ".json";
  private static final Pattern NAME =
      Pattern.compile(Pattern.quote(PREFIX) + "(\\d{8}T\\d{6}\\.\\d{3}Z)" + Pattern.quote(SUFFIX));
  private static final Pattern ID = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z");

  private SnapshotBackups() {}

  /** The file of backup {@code id}, if {@code id} is a backup id at all. */
  static Optional<Path> path(Path dir, String id) {
    return ID.matcher(id).matches()
        ? Optional.of(dir.resolve(PREFIX + id + SUFFIX))
        : Optional.empty();
  }

  /** The ids of the backups in {@code dir}, newest first. */
  static List<String> ids(Path dir) throws IOException {
    List<String> ids = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          p -> {
            Matcher m = NAME.matcher(p.getFileName().toString());
            if (m.matches()) {
              ids.add(m.group(1));
            }
          });
    }
    ids.sort(Comparator.reverseOrder());
    return ids;
  }

  /**
   * An id for a backup taken at {@code now}: its time, or just after the newest backup's if that is
   * not earlier.
   */
  static String nextId(Path dir, Instant now) throws IOException {
    Instant t = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    List<String> ids = ids(dir);
    if (!ids.isEmpty()) {
      Instant newest = DurableFiles.parseStamp(ids.get(0));
      if (!t.isAfter(newest)) {
        t = newest.plusMillis(1);
      }
    }
    return DurableFiles.stamp(t);
  }

  /** What {@link dev.memkit.core.port.out.Backups#list} says of backup {@code id}. */
  static BackupInfo info(Path dir, String id) throws IOException {
    Path file = dir.resolve(PREFIX + id + SUFFIX);
    String reason;
    try {
      reason = SnapshotFile.readHeader(file).reason();
    } catch (SnapshotFile.DamagedException e) {
      reason = "damaged";
    }
    return new BackupInfo(id, DurableFiles.parseStamp(id), Files.size(file), reason);
  }

  /** Deletes the oldest backups beyond the newest {@code keep}. */
  static void rotate(Path dir, int keep) throws IOException {
    List<String> ids = ids(dir);
    boolean any = false;
    for (int i = keep; i < ids.size(); i++) {
      Files.deleteIfExists(dir.resolve(PREFIX + ids.get(i) + SUFFIX));
      any = true;
    }
    if (any) {
      DurableFiles.forceDirectory(dir);
    }
  }
}
