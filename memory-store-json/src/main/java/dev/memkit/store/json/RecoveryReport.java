package dev.memkit.store.json;

import java.nio.file.Path;
import java.util.List;

/**
 * What recovery tells the person who opens the store: one line for every step that was not routine,
 * added to the report of {@link JournalReplay.Result}. The wording lives here, the decisions in
 * {@link JournalReplay}, {@link SegmentReplay} and {@link ReplayBackups}. A line that names
 * acknowledged writes which could not be recovered holds {@link JournalReplay#LOST}.
 */
final class RecoveryReport {
  private final List<String> lines;

  RecoveryReport(List<String> lines) {
    this.lines = lines;
  }

  void snapshotDamaged(String problem, Path aside) {
    lines.add(
        JournalReplay.MAIN + " is damaged (" + problem + "); moved to " + aside.getFileName());
  }

  void snapshotMissing() {
    lines.add(JournalReplay.MAIN + " is missing");
  }

  void rebuiltFromBackup(String id, SnapshotFile.Loaded loaded) {
    lines.add(
        "rebuilt from backup "
            + id
            + " ("
            + loaded.data().records()
            + " records, up to journal record "
            + loaded.header().journalSeq()
            + ") and the journal");
  }

  void backupDamaged(String id, String problem, Path aside) {
    lines.add("backup " + id + " is damaged (" + problem + "); moved to " + aside.getFileName());
  }

  void backupsUnreadable(Path dir, String problem) {
    lines.add("cannot read the backups in " + dir + ": " + problem);
  }

  void noGoodBackup(boolean journal) {
    lines.add(
        journal
            ? "no good backup: rebuilt from the journal alone"
            : "no good backup and no journal: the store starts empty");
  }

  /** A damaged record among records {@code from} to {@code to} that backup {@code id} holds. */
  void bridged(Path segment, String problem, long from, long to, String id, long backupSeq) {
    lines.add(
        "journal "
            + segment.getFileName()
            + ": "
            + problem
            + ", among records "
            + from
            + " to "
            + to
            + "; backup "
            + id
            + " holds everything up to record "
            + backupSeq
            + ", so recovery went on from that backup and the journal after it: no record was lost; the damaged"
            + " bytes were left in the file");
  }

  /**
   * A damaged record whose records {@code memory.json} or earlier records hold up to {@code seq}.
   */
  void skipped(Path segment, String problem, long seq) {
    lines.add(
        "journal "
            + segment.getFileName()
            + ": "
            + problem
            + ", but "
            + JournalReplay.MAIN
            + " or the records before it hold everything up to record "
            + seq
            + "; skipped, left in the file");
  }

  void gap(long from, long to, long next) {
    lines.add(
        "journal records "
            + from
            + " to "
            + to
            + " are missing (in no snapshot or journal file found); replay continued with record "
            + next);
  }

  /** The journal's last record is damaged, as a crash during a write leaves it. */
  void crashTail(String segment, String problem, List<String> movedAside) {
    lines.add(
        "journal "
            + segment
            + ": "
            + problem
            + ", as a crash during a write leaves it; ignored (it was "
            + "the last record), its bytes moved to "
            + String.join(", ", movedAside));
  }

  /** Replay stopped after record {@code seq}; records up to {@code highest} are lost. */
  void stopped(
      String segment,
      String problem,
      String reason,
      long seq,
      List<String> movedAside,
      long highest) {
    lines.add(
        "journal "
            + segment
            + ": "
            + problem
            + " and "
            + reason
            + "; replay stopped after record "
            + seq
            + "; the records from there on were not applied and are kept in "
            + String.join(", ", movedAside)
            + " ("
            + JournalReplay.LOST
            + "records "
            + (seq + 1)
            + " to "
            + highest
            + "; no backup holds them)");
  }

  void newerBackup(long lastSeq, String id, long backupSeq) {
    lines.add(
        JournalReplay.MAIN
            + " and the journal hold records only up to "
            + lastSeq
            + ", but backup "
            + id
            + " holds records up to "
            + backupSeq
            + ": the journal was probably deleted or"
            + " damaged; the data was rebuilt from that backup");
  }

  void auditAppended(int count) {
    lines.add("appended " + count + " audit entries from the journal to " + AuditFile.NAME);
  }

  /**
   * Compares the data with the audit log, which gets each write's entry once the write is durable:
   * entries beyond what the data reflects ({@code dataAudit}) are acknowledged writes that were
   * lost (a deleted or damaged journal, no backup holding them). They are reported, loudly, by
   * audit sequence and target.
   */
  void lostWrites(AuditTrail trail, long dataAudit) {
    long logged = trail.lastSequence();
    if (dataAudit < 0
        || logged <= dataAudit
        || lines.stream().anyMatch(l -> l.contains(JournalReplay.LOST))) {
      return; // nothing lost, or the journal's damage already said what was
    }
    List<String> targets = trail.targetsAfter(dataAudit, 20);
    long count = logged - dataAudit;
    lines.add(
        JournalReplay.LOST
            + count
            + " acknowledged write"
            + (count == 1 ? "" : "s")
            + " (audit sequences "
            + (dataAudit + 1)
            + " to "
            + logged
            + ": "
            + String.join(", ", targets)
            + (count > targets.size() ? ", …" : "")
            + "): "
            + AuditFile.NAME
            + " records them but neither "
            + JournalReplay.MAIN
            + ", the journal nor any backup holds them;"
            + " the journal was probably deleted or damaged. Their ids are not handed out again.");
  }
}
