package dev.memkit.store.json;

import dev.memkit.core.store.engine.RecordSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The backups as recovery reads them: the newest good one to rebuild from when {@code memory.json}
 * is missing or damaged, and the one that bridges a damaged journal record or holds more than the
 * journal. A backup that does not read is moved aside ({@code .damaged-<time>}) and reported.
 */
final class ReplayBackups {
  /** A backup that holds every record up to and past a damaged one. */
  record Bridge(String id, SnapshotFile.Loaded loaded) {}

  private final Path dir;
  private final Instant now;
  private final JournalReplay.Result result;
  private final RecoveryReport report;

  ReplayBackups(Path dir, Instant now, JournalReplay.Result result, RecoveryReport report) {
    this.dir = dir;
    this.now = now;
    this.result = result;
    this.report = report;
  }

  /**
   * The newest of {@code backups} that reads; empty data when none does ({@code journal}: whether
   * there are journal segments to rebuild from).
   */
  SnapshotFile.Loaded newestGood(List<String> backups, boolean journal) throws IOException {
    for (String id : backups) {
      Path file = SnapshotBackups.path(dir, id).orElseThrow();
      try {
        SnapshotFile.Loaded loaded = SnapshotFile.load(file);
        report.rebuiltFromBackup(id, loaded);
        return loaded;
      } catch (SnapshotFile.DamagedException e) {
        moveAside(id, file, e);
      }
    }
    report.noGoodBackup(journal);
    return new SnapshotFile.Loaded(
        new SnapshotFile.Header(0, 0, 0, 0, "recovery"), new RecordSet());
  }

  /** The newest readable backup that holds every record up to {@code seq}, if any. */
  Optional<Bridge> holding(long seq) {
    try {
      for (String id : SnapshotBackups.ids(dir)) {
        Path file = SnapshotBackups.path(dir, id).orElseThrow();
        try {
          if (SnapshotFile.readHeader(file).journalSeq() < seq) {
            return Optional.empty(); // older backups hold less
          }
          return Optional.of(new Bridge(id, SnapshotFile.load(file)));
        } catch (SnapshotFile.DamagedException e) {
          moveAside(id, file, e);
        }
      }
    } catch (IOException e) {
      report.backupsUnreadable(dir, e.getMessage());
    }
    return Optional.empty();
  }

  /** Takes {@code bridge}'s data as the data replay goes on from; ids never go back. */
  void adopt(Bridge bridge) {
    RecordSet data = bridge.loaded().data();
    data.keepIdsAbove(result.data.lastMemoryId(), result.data.lastGoalId());
    result.data = data;
    result.dataAudit = bridge.loaded().header().auditSeq();
  }

  private void moveAside(String id, Path file, SnapshotFile.DamagedException e) throws IOException {
    report.backupDamaged(id, e.getMessage(), DurableFiles.moveAside(file, now));
  }
}
