package dev.memkit.store.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.core.port.in.ListMemories;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files on open. Each case starts from the same history: m1..m3, a compaction, m4 and m5, a
 * compaction, then m6 and m7 in the journal only, and the process gone without closing. So {@code
 * memory.json} holds m1..m5, the newest backup (the previous {@code memory.json}) holds m1..m3, and
 * the journal holds records 4 to 7.
 */
class JsonStoreRecoveryTest {
  @TempDir Path dir;

  @BeforeEach
  void history() {
    JsonStore store = TestStores.open(dir, "");
    Memkit memkit = TestStores.memkit(store);
    for (int i = 1; i <= 7; i++) {
      memkit.space().memories().add(AddMemory.of("m" + i).withTags("history"));
      if (i == 3 || i == 5) {
        store.compactNow();
      }
    }
    store.closeLeavingJournal();
  }

  private List<String> texts(Memkit memkit) {
    return memkit
        .space()
        .memories()
        .list(new ListMemories(MemoryFilter.ALL, Optional.empty(), 100))
        .items()
        .stream()
        .map(Memory::text)
        .sorted()
        .toList();
  }

  private List<Path> files(String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
  }

  private Path lastSegment() throws IOException {
    List<Path> segments = files(Journal.PREFIX);
    return segments.get(segments.size() - 1);
  }

  /**
   * Opens the store, checks its data and report, closes it, and checks that the next open finds
   * nothing to report.
   */
  private List<String> openExpecting(List<String> texts) {
    JsonStore store = TestStores.open(dir, "");
    List<String> report = store.recoveryReport();
    try (Memkit memkit = TestStores.memkit(store)) {
      assertThat(texts(memkit)).containsExactlyElementsOf(texts);
      assertThat(
              memkit.space().memories().add(AddMemory.of("after recovery")).memory().id().value())
          .isEqualTo(8);
    }
    JsonStore again = TestStores.open(dir, "");
    assertThat(again.recoveryReport()).isEmpty();
    again.close();
    return report;
  }

  private static final List<String> ALL = List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7");

  @Test
  void theHistoryReopensWithNothingToReport() throws IOException {
    assertThat(files(SnapshotBackups.PREFIX)).hasSize(2);
    assertThat(files(Journal.PREFIX)).hasSize(2);
    JsonStore store = TestStores.open(dir, "");
    assertThat(store.recoveryReport()).isEmpty();
    try (Memkit memkit = TestStores.memkit(store)) {
      assertThat(texts(memkit)).containsExactlyElementsOf(ALL);
    }
  }

  @Test
  void aTruncatedMemoryJsonIsRebuiltFromTheNewestBackupAndTheJournal() throws IOException {
    Path main = dir.resolve("memory.json");
    try (FileChannel ch = FileChannel.open(main, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    List<String> report = openExpecting(ALL);
    assertThat(report.get(0))
        .startsWith("memory.json is damaged")
        .contains("moved to memory.json.damaged-");
    assertThat(report.get(1))
        .startsWith("rebuilt from backup ")
        .contains("(3 records, up to journal record 3)");
    assertThat(files("memory.json.damaged-")).hasSize(1);
  }

  @Test
  void garbageInMemoryJsonIsMovedAsideAndTheDataRebuilt() throws IOException {
    Path main = dir.resolve("memory.json");
    byte[] original = Files.readAllBytes(main);
    Files.writeString(main, "this is not JSON {{{");
    List<String> report = openExpecting(ALL);
    assertThat(report.get(0)).startsWith("memory.json is damaged (memory.json is not valid JSON");
    assertThat(report.get(1)).startsWith("rebuilt from backup ");
    assertThat(Files.readString(files("memory.json.damaged-").get(0)))
        .isEqualTo("this is not JSON {{{");
    assertThat(Files.readAllBytes(main)).isNotEqualTo(original);
  }

  @Test
  void aDeletedMemoryJsonIsRebuiltFromTheBackups() throws IOException {
    Files.delete(dir.resolve("memory.json"));
    List<String> report = openExpecting(ALL);
    assertThat(report.get(0)).isEqualTo("memory.json is missing");
    assertThat(report.get(1)).startsWith("rebuilt from backup ");
    assertThat(dir.resolve("memory.json")).exists();
  }

  @Test
  void aDamagedNewestBackupIsMovedAsideAndAnOlderOneUsed() throws IOException {
    Files.delete(dir.resolve("memory.json"));
    List<Path> backups = files(SnapshotBackups.PREFIX);
    Path newest = backups.get(backups.size() - 1);
    Files.writeString(newest, "{\"format\": \"memkit-export\", \"version\": 1, \"store\": ");
    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      // the older backup is the empty store; the journal no longer holds records 1 to 3
      assertThat(texts(memkit)).containsExactly("m4", "m5", "m6", "m7");
    }
    assertThat(store.recoveryReport())
        .anyMatch(l -> l.startsWith("backup ") && l.contains("is damaged"))
        .anyMatch(l -> l.contains("journal records 1 to 3 are missing"));
    assertThat(files(newest.getFileName() + ".damaged-")).hasSize(1);
  }

  @Test
  void aTornLastJournalRecordIsIgnoredAndReported() throws IOException {
    Path segment = lastSegment();
    long size = Files.size(segment);
    List<String> lines = Files.readString(segment).lines().toList();
    int lastLine = lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8).length + 1;
    try (FileChannel ch =
        FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ch.truncate(size - 25);
    }
    List<String> report = openExpecting(List.of("m1", "m2", "m3", "m4", "m5", "m6"));
    assertThat(report).hasSize(2);
    assertThat(report.get(0))
        .startsWith("journal " + segment.getFileName() + ": the record at byte ")
        .contains("is cut short")
        .contains("ignored (it was the last record)");
    // m7 had been acknowledged (its audit entry is in the log), so cutting its record short lost
    // it, and that is said
    assertThat(report.get(1))
        .startsWith("Lost: 1 acknowledged write (audit sequences 7 to 7: #7 memory.add memory:7)");
    Path aside = files(segment.getFileName() + ".damaged-").get(0);
    assertThat(Files.size(aside)).isEqualTo(lastLine - 25);
  }

  @Test
  void garbageAppendedToTheJournalIsIgnoredAndReported() throws IOException {
    Path segment = lastSegment();
    Files.write(
        segment,
        "\u0000\u0000\u0000garbage\n".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    List<String> report = openExpecting(ALL);
    assertThat(report)
        .singleElement()
        .asString()
        .contains("is not a checksum and a JSON record")
        .contains("ignored (it was the last record)");
  }

  @Test
  void aBadChecksumInTheMiddleStopsReplayAndKeepsTheRestAside() throws IOException {
    Path segment = lastSegment();
    String journal = Files.readString(segment);
    assertThat(journal.lines()).hasSize(2);
    String firstLine = journal.lines().findFirst().orElseThrow();
    String damaged = firstLine.replace("\"text\":\"m6\"", "\"text\":\"m9\"");
    assertThat(damaged).isNotEqualTo(firstLine);
    Files.writeString(segment, journal.replace(firstLine, damaged));

    List<String> report = openExpecting(List.of("m1", "m2", "m3", "m4", "m5"));
    assertThat(report).hasSize(1);
    assertThat(report.get(0))
        .startsWith(
            "journal " + segment.getFileName() + ": the record at byte 0 has a bad checksum")
        .contains("is followed by record 7")
        .contains("replay stopped after record 5")
        .contains("kept in " + segment.getFileName() + ".damaged-");
    Path aside = files(segment.getFileName() + ".damaged-").get(0);
    assertThat(Files.readString(aside)).isEqualTo(journal.replace(firstLine, damaged));
  }

  @Test
  void aRestoreInTheJournalIsReplayedFromItsBackup() throws IOException {
    JsonStore store = TestStores.open(dir, "");
    Memkit memkit = TestStores.memkit(store);
    String backup = memkit.backups(dev.memkit.core.model.Actor.of("test")).create().id();
    memkit.space().memories().add(AddMemory.of("m8"));
    memkit.backups(dev.memkit.core.model.Actor.of("test")).restore(backup);
    memkit.space().memories().add(AddMemory.of("m9"));
    store.closeLeavingJournal();
    Files.delete(dir.resolve("memory.json"));

    JsonStore reopened = TestStores.open(dir, "");
    try (Memkit again = TestStores.memkit(reopened)) {
      assertThat(texts(again)).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m9");
      assertThat(again.space().memories().add(AddMemory.of("m10")).memory().id().value())
          .isEqualTo(10);
    }
    assertThat(reopened.recoveryReport()).first().isEqualTo("memory.json is missing");
  }

  @Test
  void aCutShortAuditLineIsMovedAsideAndAppendedAgainFromTheJournal() throws IOException {
    Path log = dir.resolve("memory_audit.log");
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 10);
    }
    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      assertThat(memkit.space().audit().list(ListAudit.newest(50)).items())
          .extracting(dev.memkit.core.model.AuditEntry::sequence)
          .containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
    }
    assertThat(store.recoveryReport()).hasSize(2);
    assertThat(store.recoveryReport().get(0))
        .startsWith("memory_audit.log ends with a cut-short line")
        .contains("moved to memory_audit.log.damaged-");
    assertThat(store.recoveryReport().get(1))
        .isEqualTo("appended 1 audit entries from the journal to memory_audit.log");
    assertThat(Files.readAllLines(log)).hasSize(7).allMatch(l -> l.startsWith("{\"sequence\":"));
  }

  @Test
  void aBadChecksumInARecordMemoryJsonAlreadyHoldsIsSkipped() throws IOException {
    List<Path> segments = files(Journal.PREFIX);
    Path older = segments.get(0);
    String journal = Files.readString(older);
    String firstLine = journal.lines().findFirst().orElseThrow();
    Files.writeString(
        older, journal.replace(firstLine, firstLine.replace("\"text\":\"m4\"", "\"text\":\"m0\"")));

    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      assertThat(texts(memkit)).containsExactlyElementsOf(ALL);
    }
    assertThat(store.recoveryReport())
        .singleElement()
        .asString()
        .contains("has a bad checksum")
        .contains("hold everything up to record 5")
        .contains("skipped");
  }

  @Test
  void aDamagedRecordThatANewerBackupHoldsIsBridgedByThatBackupAndReplayGoesOn()
      throws IOException {
    JsonStore store = TestStores.open(dir, "");
    Memkit memkit = TestStores.memkit(store);
    memkit.space().memories().add(AddMemory.of("m8"));
    memkit.space().memories().add(AddMemory.of("m9"));
    String backup = memkit.backups(dev.memkit.core.model.Actor.of("test")).create().id();
    memkit.space().memories().add(AddMemory.of("m10"));
    memkit.space().memories().add(AddMemory.of("m11"));
    store.closeLeavingJournal();
    Path segment = lastSegment();
    String journal = Files.readString(segment);
    String m8 =
        journal.lines().filter(l -> l.contains("\"text\":\"m8\"")).findFirst().orElseThrow();
    Files.writeString(
        segment, journal.replace(m8, m8.replace("\"text\":\"m8\"", "\"text\":\"m0\"")));

    JsonStore reopened = TestStores.open(dir, "");
    List<String> report = reopened.recoveryReport();
    try (Memkit again = TestStores.memkit(reopened)) {
      assertThat(texts(again))
          .containsExactly("m1", "m10", "m11", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
      assertThat(again.space().memories().add(AddMemory.of("m12")).memory().id().value())
          .isEqualTo(12);
    }
    assertThat(report)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("has a bad checksum")
                    .contains("backup " + backup)
                    .contains("no record was lost"));
    assertThat(String.join("\n", report)).doesNotContain("replay stopped");
  }

  @Test
  void aDamagedRecordNoBackupHoldsIsReportedWithExactlyTheRecordsLost() throws IOException {
    Path segment = lastSegment();
    String journal = Files.readString(segment);
    String firstLine = journal.lines().findFirst().orElseThrow();
    Files.writeString(
        segment,
        journal.replace(firstLine, firstLine.replace("\"text\":\"m6\"", "\"text\":\"m9\"")));
    JsonStore store = TestStores.open(dir, "");
    store.close();
    assertThat(store.recoveryReport()).singleElement().asString().contains("Lost: records 6 to 7");
  }

  @Test
  void aDeletedJournalIsReportedAsLostWritesNamingThem() throws IOException {
    for (Path segment : files(Journal.PREFIX)) {
      Files.delete(segment);
    }
    java.util.logging.Logger storeLog = java.util.logging.Logger.getLogger("dev.memkit.store.json");
    List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            if (record.getLevel() == java.util.logging.Level.SEVERE) {
              errors.add(record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    storeLog.addHandler(capture);
    JsonStore store;
    try {
      store = TestStores.open(dir, "");
    } finally {
      storeLog.removeHandler(capture);
    }
    assertThat(errors).anySatisfy(m -> assertThat(m).contains("Lost: 2 acknowledged writes"));
    try (Memkit memkit = TestStores.memkit(store)) {
      assertThat(texts(memkit)).containsExactly("m1", "m2", "m3", "m4", "m5");
      assertThat(
              memkit.space().memories().add(AddMemory.of("after the loss")).memory().id().value())
          .isEqualTo(8);
    }
    assertThat(store.recoveryReport())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "Lost: 2 acknowledged writes (audit sequences 6 to 7: #6 memory.add memory:6, #7 memory.add memory:7)")
                    .contains("memory_audit.log records them"));
  }

  @Test
  void aDeletedJournalIsRecoveredFromANewerBackupSayingWhatWasLost() throws IOException {
    JsonStore store = TestStores.open(dir, "");
    Memkit memkit = TestStores.memkit(store);
    memkit.space().memories().add(AddMemory.of("m8"));
    String backup = memkit.backups(dev.memkit.core.model.Actor.of("test")).create().id();
    memkit.space().memories().add(AddMemory.of("m9"));
    store.closeLeavingJournal();
    for (Path segment : files(Journal.PREFIX)) {
      Files.delete(segment);
    }
    JsonStore reopened = TestStores.open(dir, "");
    try (Memkit again = TestStores.memkit(reopened)) {
      assertThat(texts(again)).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8");
      assertThat(again.space().memories().add(AddMemory.of("m10")).memory().id().value())
          .isEqualTo(10);
    }
    assertThat(reopened.recoveryReport())
        .anySatisfy(
            line ->
                assertThat(line).contains("backup " + backup).contains("rebuilt from that backup"));
    assertThat(reopened.recoveryReport())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "Lost: 1 acknowledged write (audit sequences 9 to 9: #9 memory.add memory:9)"));
    JsonStore third = TestStores.open(dir, "");
    third.close();
    assertThat(third.recoveryReport()).isEmpty();
  }
}
