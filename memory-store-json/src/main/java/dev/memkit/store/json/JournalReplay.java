package dev.memkit.store.json;

import dev.memkit.core.store.engine.RecordSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opening a store directory: load {@code memory.json}, or rebuild it from the newest good backup
 * when it is missing or damaged; replay the journal records it does not hold yet; bring the audit
 * log up to date. Damaged files are moved aside ({@code .damaged-<time>}), never deleted, and every
 * step that was not routine is reported.
 *
 * <p>A damaged journal record that is the journal's last is what a crash during a write leaves: it
 * is ignored. A damaged record with good records after it means the file was damaged later: when a
 * backup holds every record up to the next good one, recovery goes on from that backup and the
 * journal after it, and nothing is lost; otherwise replay stops there, because later records may
 * build on it, the records from there on are moved aside, so a person can look at them, and the
 * report names the records lost.
 *
 * <p>By job: this class loads the starting point and puts the steps in order, {@link SegmentReplay}
 * reads and applies the journal, {@link ReplayBackups} finds the backup to rebuild from or to
 * bridge damage with, and {@link RecoveryReport} words the report.
 */
final class JournalReplay {
  static final String MAIN = "memory.json";

  /**
   * Starts the part of a report line that names acknowledged writes which could not be recovered.
   */
  static final String LOST = "Lost: ";

  /** What opening found and rebuilt. */
  static final class Result {
    RecordSet data;
    AuditTrail trail = new AuditTrail();
    long lastSeq;

    /**
     * The {@code journal_seq} of {@code memory.json} as on disk; -1 when it must be written now.
     */
    long snapshotSeq = -1;

    long snapshotSize;
    final Map<Long, Long> segments = new LinkedHashMap<>();
    final List<String> report = new ArrayList<>();
    boolean fresh;
    int replayed;

    /** Bytes of the last segment: the journal written since the last compaction. */
    long journalBytes;

    /**
     * The last audit sequence the data reflects; -1 while unknown (a snapshot from before it was
     * kept).
     */
    long dataAudit = -1;
  }

  private final Path dir;
  private final Instant now;
  private final Result result = new Result();
  private final RecoveryReport report = new RecoveryReport(result.report);
  private final ReplayBackups backups;

  private JournalReplay(Path dir, Instant now) {
    this.dir = dir;
    this.now = now;
    this.backups = new ReplayBackups(dir, now, result, report);
  }

  static Result run(Path dir, Instant now) throws IOException {
    return new JournalReplay(dir, now).run();
  }

  private Result run() throws IOException {
    Path main = dir.resolve(MAIN);
    Files.deleteIfExists(dir.resolve(MAIN + ".tmp"));
    List<Journal.Segment> segments = Journal.segments(dir);
    List<String> backupIds = SnapshotBackups.ids(dir);
    result.fresh = !Files.exists(main) && segments.isEmpty() && backupIds.isEmpty();

    SnapshotFile.Loaded base = null;
    if (result.fresh) {
      base =
          new SnapshotFile.Loaded(new SnapshotFile.Header(0, 0, 0, 0, "create"), new RecordSet());
    } else if (Files.exists(main)) {
      try {
        base = SnapshotFile.load(main);
        result.snapshotSeq = base.header().journalSeq();
        result.snapshotSize = Files.size(main);
      } catch (SnapshotFile.DamagedException e) {
        report.snapshotDamaged(e.getMessage(), DurableFiles.moveAside(main, now));
      }
    } else {
      report.snapshotMissing();
    }
    if (base == null) {
      base = backups.newestGood(backupIds, !segments.isEmpty());
    }
    result.data = base.data();
    result.dataAudit = base.header().auditSeq();
    long seq = base.header().journalSeq();

    AuditFile.load(dir.resolve(AuditFile.NAME), result.trail, result.report, now);
    SegmentReplay journal = new SegmentReplay(dir, now, result, report, backups);
    seq = journal.replay(segments, seq);
    result.lastSeq = seq;
    // The segment written last is the journal since the last compaction, across sessions: the
    // next write appends to it, and its size counts towards the next compaction.
    Long last = null;
    for (Long first : result.segments.keySet()) {
      last = first;
    }
    if (last != null && Files.exists(Journal.segmentPath(dir, last))) {
      result.journalBytes = Files.size(Journal.segmentPath(dir, last));
    }
    journal.appendMissingAudit();
    preferNewerBackup();
    report.lostWrites(result.trail, result.dataAudit);
    // Records lost to damage may have handed out ids the audit log still names: never hand them out
    // again.
    result.data.keepIdsAbove(result.trail.maxTargetId("memory"), result.trail.maxTargetId("goal"));
    return result;
  }

  /**
   * When a backup holds later records than {@code memory.json} and the journal together (the
   * journal was deleted or cut short), the data is rebuilt from that backup: the newest good data
   * wins over an older file.
   */
  private void preferNewerBackup() {
    Optional<ReplayBackups.Bridge> newer = backups.holding(result.lastSeq + 1);
    if (newer.isEmpty()) {
      return;
    }
    SnapshotFile.Header header = newer.get().loaded().header();
    report.newerBackup(result.lastSeq, newer.get().id(), header.journalSeq());
    backups.adopt(newer.get());
    result.lastSeq = header.journalSeq();
    result.dataAudit = header.auditSeq();
    result.snapshotSeq = -1;
  }
}
