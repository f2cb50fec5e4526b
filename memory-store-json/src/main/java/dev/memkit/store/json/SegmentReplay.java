package dev.memkit.store.json;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.store.engine.RecordSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays the journal segments onto the data recovery starts from: reads and checks each record,
 * applies those the data does not hold yet, and collects the audit entries the audit log lacks.
 *
 * <p>A damaged record that is the journal's last is what a crash during a write leaves: it is
 * ignored and its bytes are moved aside. A damaged record with good records after it is bridged by
 * a backup that holds every record up to the next good one ({@link ReplayBackups}); without one,
 * replay stops there and the records from there on are moved aside.
 */
final class SegmentReplay {
  private static final class StopReplay extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopReplay(String message) {
      super(message, null, false, false);
    }
  }

  /** A damaged record, and whether a later good record shows it mattered. */
  private record Bad(int segment, long start, String problem) {}

  private final Path dir;
  private final Instant now;
  private final JournalReplay.Result result;
  private final RecoveryReport report;
  private final ReplayBackups backups;
  private final List<byte[]> missingAudit = new ArrayList<>();

  SegmentReplay(
      Path dir,
      Instant now,
      JournalReplay.Result result,
      RecoveryReport report,
      ReplayBackups backups) {
    this.dir = dir;
    this.now = now;
    this.result = result;
    this.report = report;
    this.backups = backups;
  }

  /**
   * Replays {@code segments} after record {@code fromSeq}, noting each segment's last record in the
   * result; returns the last record applied.
   */
  long replay(List<Journal.Segment> segments, long fromSeq) throws IOException {
    long[] seq = {fromSeq};
    Bad[] pending = {null};
    Bad stop = null;
    String stopReason = null;
    int i = 0;
    for (; i < segments.size() && stop == null; i++) {
      int index = i;
      Journal.Segment segment = segments.get(i);
      long[] last = {segment.firstSeq() - 1};
      try {
        Journal.scan(
            segment.path(),
            new Journal.Visitor() {
              @Override
              public void good(Journal.Entry entry, long start, long end) {
                if (pending[0] != null) {
                  Path damaged = segments.get(pending[0].segment()).path();
                  if (entry.seq() > seq[0] + 1) {
                    Optional<ReplayBackups.Bridge> bridge = backups.holding(entry.seq() - 1);
                    if (bridge.isEmpty()) {
                      throw new StopReplay(
                          "is followed by record "
                              + entry.seq()
                              + ", so records it may hold are lost");
                    }
                    backups.adopt(bridge.get());
                    long bridged = bridge.get().loaded().header().journalSeq();
                    report.bridged(
                        damaged,
                        pending[0].problem(),
                        seq[0] + 1,
                        entry.seq() - 1,
                        bridge.get().id(),
                        bridged);
                    seq[0] = bridged;
                  } else {
                    report.skipped(damaged, pending[0].problem(), seq[0]);
                  }
                  pending[0] = null;
                }
                if (entry.seq() > seq[0]) {
                  if (entry.seq() != seq[0] + 1) {
                    report.gap(seq[0] + 1, entry.seq() - 1, entry.seq());
                  }
                  try {
                    apply(entry);
                  } catch (StopReplay e) {
                    pending[0] = new Bad(index, start, e.getMessage());
                    throw new StopReplay("nothing from it on was applied");
                  }
                  seq[0] = entry.seq();
                  result.replayed++;
                }
                collectAudit(entry);
                last[0] = Math.max(last[0], entry.seq());
              }

              @Override
              public void bad(long start, String problem) {
                if (pending[0] == null) {
                  pending[0] = new Bad(index, start, problem);
                }
              }
            });
      } catch (StopReplay e) {
        stop = pending[0];
        stopReason = e.getMessage();
      }
      result.segments.put(segment.firstSeq(), last[0]);
    }
    if (stop == null && pending[0] == null) {
      return seq[0];
    }
    Bad bad = stop != null ? stop : pending[0];
    List<String> movedAside = moveAsideFrom(segments, bad);
    String name = segments.get(bad.segment()).path().getFileName().toString();
    if (stop == null) {
      report.crashTail(name, bad.problem(), movedAside);
    } else {
      long highest = highestRecord(movedAside, seq[0]);
      report.stopped(name, bad.problem(), stopReason, seq[0], movedAside, highest);
    }
    return seq[0];
  }

  /**
   * Moves the journal from the damaged record {@code bad} on aside: the rest of its segment and
   * every later segment (an empty one is deleted); returns the names of the files moved aside.
   */
  private List<String> moveAsideFrom(List<Journal.Segment> segments, Bad bad) throws IOException {
    Journal.Segment damaged = segments.get(bad.segment());
    Path aside = DurableFiles.cutAside(damaged.path(), bad.start(), now);
    List<String> movedAside = new ArrayList<>(List.of(aside.getFileName().toString()));
    for (int j = bad.segment() + 1; j < segments.size(); j++) {
      Path later = segments.get(j).path();
      result.segments.remove(segments.get(j).firstSeq());
      if (Files.size(later) > 0) {
        movedAside.add(DurableFiles.moveAside(later, now).getFileName().toString());
      } else {
        Files.delete(later);
      }
    }
    return movedAside;
  }

  /** The highest record number in the journal files {@code names}, at least {@code floor}. */
  private long highestRecord(List<String> names, long floor) throws IOException {
    long[] highest = {floor};
    for (String name : names) {
      Journal.scan(
          dir.resolve(name),
          new Journal.Visitor() {
            @Override
            public void good(Journal.Entry entry, long start, long end) {
              highest[0] = Math.max(highest[0], entry.seq());
            }

            @Override
            public void bad(long start, String problem) {
              // counted as lost already
            }
          });
    }
    return highest[0];
  }

  /** Applies one journal record to the data. */
  private void apply(Journal.Entry entry) {
    for (JsonValue.JsonObject change : entry.changes()) {
      String op = change.string("op").orElse("");
      try {
        switch (op) {
          case "audit.append" -> {
            // collected before applying
          }
          case "restore" -> restore(change.string("backup").orElse(""), entry.seq());
          default -> {
            if (!Journal.apply(result.data, change)) {
              throw new IllegalArgumentException("unknown change \"" + op + "\"");
            }
          }
        }
      } catch (RuntimeException e) {
        if (e instanceof StopReplay) {
          throw e;
        }
        throw new StopReplay(
            "record " + entry.seq() + " cannot be applied (" + op + ": " + e.getMessage() + ")");
      }
    }
    result.data.keepIdsAbove(entry.lastMemoryId(), entry.lastGoalId());
    for (JsonValue.JsonObject change : entry.changes()) {
      if ("audit.append".equals(change.string("op").orElse(""))) {
        result.dataAudit =
            Math.max(result.dataAudit, AuditTrail.row(Journal.record(change)).sequence());
      }
    }
  }

  private void restore(String id, long seq) {
    Optional<Path> file = SnapshotBackups.path(dir, id).filter(Files::exists);
    if (file.isEmpty()) {
      throw new StopReplay(
          "record " + seq + " restores backup " + id + ", which is no longer there");
    }
    try {
      RecordSet restored = SnapshotFile.load(file.get()).data();
      restored.keepIdsAbove(result.data.lastMemoryId(), result.data.lastGoalId());
      result.data = restored;
    } catch (IOException | SnapshotFile.DamagedException e) {
      throw new StopReplay(
          "record "
              + seq
              + " restores backup "
              + id
              + ", which cannot be read ("
              + e.getMessage()
              + ")");
    }
  }

  private void collectAudit(Journal.Entry entry) {
    for (JsonValue.JsonObject change : entry.changes()) {
      if ("audit.append".equals(change.string("op").orElse(""))) {
        JsonValue record = Journal.record(change);
        if (record instanceof JsonValue.JsonObject o
            && o.get("sequence").orElse(null) instanceof JsonValue.JsonNumber n
            && n.value().longValue() <= result.trail.lastSequence()) {
          continue; // the audit log has it already
        }
        AuditTrail.Row row = AuditTrail.row(record);
        if (row.sequence() > result.trail.lastSequence()) {
          result.trail.add(row);
          missingAudit.add(row.json());
        }
      }
    }
  }

  /** Appends to the audit log the entries replay found only in the journal. */
  void appendMissingAudit() throws IOException {
    if (missingAudit.isEmpty()) {
      return;
    }
    AuditFile.append(dir.resolve(AuditFile.NAME), missingAudit);
    if (!result.fresh) {
      report.auditAppended(missingAudit.size());
    }
  }
}
