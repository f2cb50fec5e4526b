package dev.memkit.store.json;

import dev.memkit.core.json.JsonValue;
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

  private static final class StopReplay extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopReplay(String message) {
      super(message, null, false, false);
    }
  }

  private final Path dir;
  private final Instant now;
  private final Result result = new Result();
  private final List<byte[]> missingAudit = new ArrayList<>();

  private JournalReplay(Path dir, Instant now) {
    this.dir = dir;
    this.now = now;
  }

  static Result run(Path dir, Instant now) throws IOException {
    return new JournalReplay(dir, now).run();
  }

  private Result run() throws IOException {
    Path main = dir.resolve(MAIN);
    Files.deleteIfExists(dir.resolve(MAIN + ".tmp"));
    List<Journal.Segment> segments = Journal.segments(dir);
    List<String> backups = SnapshotBackups.ids(dir);
    result.fresh = !Files.exists(main) && segments.isEmpty() && backups.isEmpty();

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
        Path aside = DurableFiles.moveAside(main, now);
        result.report.add(
            MAIN + " is damaged (" + e.getMessage() + "); moved to " + aside.getFileName());
      }
    } else {
      result.report.add(MAIN + " is missing");
    }
    if (base == null) {
      base = fromBackup(backups, segments);
    }
    result.data = base.data();
    result.dataAudit = base.header().auditSeq();
    long seq = base.header().journalSeq();

    AuditFile.load(dir.resolve(AuditFile.NAME), result.trail, result.report, now);
    seq = replay(segments, seq);
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
    appendMissingAudit();
    preferNewerBackup();
    reportLostWrites();
    // Records lost to damage may have handed out ids the audit log still names: never hand them out
    // again.
    result.data.keepIdsAbove(result.trail.maxTargetId("memory"), result.trail.maxTargetId("goal"));
    return result;
  }

  /** The newest backup that reads, moving damaged ones aside; empty data when none does. */
  private SnapshotFile.Loaded fromBackup(List<String> backups, List<Journal.Segment> segments)
      throws IOException {
    for (String id : backups) {
      Path file = SnapshotBackups.path(dir, id).orElseThrow();
      try {
        SnapshotFile.Loaded loaded = SnapshotFile.load(file);
        result.report.add(
            "rebuilt from backup "
                + id
                + " ("
                + loaded.data().records()
                + " records, up to journal record "
                + loaded.header().journalSeq()
                + ") and the journal");
        return loaded;
      } catch (SnapshotFile.DamagedException e) {
        Path aside = DurableFiles.moveAside(file, now);
        result.report.add(
            "backup "
                + id
                + " is damaged ("
                + e.getMessage()
                + "); moved to "
                + aside.getFileName());
      }
    }
    result.report.add(
        segments.isEmpty()
            ? "no good backup and no journal: the store starts empty"
            : "no good backup: rebuilt from the journal alone");
    return new SnapshotFile.Loaded(
        new SnapshotFile.Header(0, 0, 0, 0, "recovery"), new RecordSet());
  }

  /** A damaged record, and whether a later good record shows it mattered. */
  private record Bad(int segment, long start, String problem) {}

  private long replay(List<Journal.Segment> segments, long fromSeq) throws IOException {
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
                  if (entry.seq() > seq[0] + 1) {
                    Optional<Bridge> bridge = bridgingBackup(entry.seq() - 1);
                    if (bridge.isEmpty()) {
                      throw new StopReplay(
                          "is followed by record "
                              + entry.seq()
                              + ", so records it may hold are lost");
                    }
                    adopt(bridge.get());
                    result.report.add(
                        "journal "
                            + segments.get(pending[0].segment()).path().getFileName()
                            + ": "
                            + pending[0].problem()
                            + ", among records "
                            + (seq[0] + 1)
                            + " to "
                            + (entry.seq() - 1)
                            + "; backup "
                            + bridge.get().id()
                            + " holds everything up to record "
                            + bridge.get().loaded().header().journalSeq()
                            + ", so recovery went on from that backup and the journal after it: no record was lost; the damaged"
                            + " bytes were left in the file");
                    seq[0] = bridge.get().loaded().header().journalSeq();
                  } else {
                    result.report.add(
                        "journal "
                            + segments.get(pending[0].segment()).path().getFileName()
                            + ": "
                            + pending[0].problem()
                            + ", but "
                            + MAIN
                            + " or the records before it hold everything up to record "
                            + seq[0]
                            + "; skipped, left in the file");
                  }
                  pending[0] = null;
                }
                if (entry.seq() > seq[0]) {
                  if (entry.seq() != seq[0] + 1) {
                    result.report.add(
                        "journal records "
                            + (seq[0] + 1)
                            + " to "
                            + (entry.seq() - 1)
                            + " are missing (in no snapshot or journal file found); replay continued with record "
                            + entry.seq());
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
    String name = damaged.path().getFileName().toString();
    if (stop == null) {
      result.report.add(
          "journal "
              + name
              + ": "
              + bad.problem()
              + ", as a crash during a write leaves it; ignored (it was "
              + "the last record), its bytes moved to "
              + String.join(", ", movedAside));
    } else {
      long highest = highestRecord(dir, movedAside, seq[0]);
      result.report.add(
          "journal "
              + name
              + ": "
              + bad.problem()
              + " and "
              + stopReason
              + "; replay stopped after record "
              + seq[0]
              + "; the records from there on were not applied and are kept in "
              + String.join(", ", movedAside)
              + " ("
              + LOST
              + "records "
              + (seq[0] + 1)
              + " to "
              + highest
              + "; no backup holds them)");
    }
    return seq[0];
  }

  /** A backup that holds every record up to and past a damaged one. */
  private record Bridge(String id, SnapshotFile.Loaded loaded) {}

  /** The newest readable backup that holds every record up to {@code seq}, if any. */
  private Optional<Bridge> bridgingBackup(long seq) {
    try {
      for (String id : SnapshotBackups.ids(dir)) {
        Path file = SnapshotBackups.path(dir, id).orElseThrow();
        try {
          if (SnapshotFile.readHeader(file).journalSeq() < seq) {
            return Optional.empty(); // older backups hold less
          }
          return Optional.of(new Bridge(id, SnapshotFile.load(file)));
        } catch (SnapshotFile.DamagedException e) {
          Path aside = DurableFiles.moveAside(file, now);
          result.report.add(
              "backup "
                  + id
                  + " is damaged ("
                  + e.getMessage()
                  + "); moved to "
                  + aside.getFileName());
        }
      }
    } catch (IOException e) {
      result.report.add("cannot read the backups in " + dir + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  /** Takes {@code bridge}'s data as the data replay goes on from; ids never go back. */
  private void adopt(Bridge bridge) {
    RecordSet data = bridge.loaded().data();
    data.keepIdsAbove(result.data.lastMemoryId(), result.data.lastGoalId());
    result.data = data;
    result.dataAudit = bridge.loaded().header().auditSeq();
  }

  /**
   * The highest record number in the journal files {@code names} (in {@code dir}), at least {@code
   * floor}.
   */
  private static long highestRecord(Path dir, List<String> names, long floor) throws IOException {
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

  /**
   * When a backup holds later records than {@code memory.json} and the journal together (the
   * journal was deleted or cut short), the data is rebuilt from that backup: the newest good data
   * wins over an older file.
   */
  private void preferNewerBackup() throws IOException {
    Optional<Bridge> newer = bridgingBackup(result.lastSeq + 1);
    if (newer.isEmpty()) {
      return;
    }
    SnapshotFile.Header header = newer.get().loaded().header();
    result.report.add(
        MAIN
            + " and the journal hold records only up to "
            + result.lastSeq
            + ", but backup "
            + newer.get().id()
            + " holds records up to "
            + header.journalSeq()
            + ": the journal was probably deleted or"
            + " damaged; the data was rebuilt from that backup");
    adopt(newer.get());
    result.lastSeq = header.journalSeq();
    result.dataAudit = header.auditSeq();
    result.snapshotSeq = -1;
  }

  /**
   * Compares the data with the audit log, which gets each write's entry once the write is durable:
   * entries beyond what the data reflects are acknowledged writes that were lost (a deleted or
   * damaged journal, no backup holding them). They are reported, loudly, by audit sequence and
   * target.
   */
  private void reportLostWrites() {
    long logged = result.trail.lastSequence();
    if (result.dataAudit < 0
        || logged <= result.dataAudit
        || result.report.stream().anyMatch(l -> l.contains(LOST))) {
      return; // nothing lost, or the journal's damage already said what was
    }
    List<String> targets = result.trail.targetsAfter(result.dataAudit, 20);
    long count = logged - result.dataAudit;
    result.report.add(
        LOST
            + count
            + " acknowledged write"
            + (count == 1 ? "" : "s")
            + " (audit sequences "
            + (result.dataAudit + 1)
            + " to "
            + logged
            + ": "
            + String.join(", ", targets)
            + (count > targets.size() ? ", …" : "")
            + "): "
            + AuditFile.NAME
            + " records them but neither "
            + MAIN
            + ", the journal nor any backup holds them;"
            + " the journal was probably deleted or damaged. Their ids are not handed out again.");
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

  private void appendMissingAudit() throws IOException {
    if (missingAudit.isEmpty()) {
      return;
    }
    AuditFile.append(dir.resolve(AuditFile.NAME), missingAudit);
    if (!result.fresh) {
      result.report.add(
          "appended "
              + missingAudit.size()
              + " audit entries from the journal to "
              + AuditFile.NAME);
    }
  }
}
