package dev.memkit.store.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ImportDocument;
import dev.memkit.core.port.in.ImportMode;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.jackson.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files are what a person expects to find, and any JSON reader reads them. */
class JsonStoreFilesTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void afterAFewWritesAndACompactionMemoryJsonAndTheAuditLogShowTheDataAndTheDiffs()
      throws Exception {
    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      Space space = memkit.space();
      space.state().set(StateKey.of("current_phase"), JsonValue.of("testing"));
      space.memories().add(AddMemory.of("Deployed v1.2 to staging").withTags("deploy", "v1.2"));
      space.goals().add(AddGoal.of("Ship the JSON store"));
      space.state().set(StateKey.of("current_phase"), JsonValue.of("release"));
      store.compactNow();

      JsonNode main = JACKSON.readTree(dir.resolve("memory.json").toFile());
      assertThat(main.get("format").asText()).isEqualTo("memkit-export");
      assertThat(main.get("version").asInt()).isEqualTo(1);
      JsonNode ns = main.get("namespaces").get(0);
      assertThat(ns.get("namespace").asText()).isEqualTo("default");
      assertThat(ns.get("state").get(0).get("key").asText()).isEqualTo("current_phase");
      assertThat(ns.get("state").get(0).get("value").asText()).isEqualTo("release");
      assertThat(ns.get("state").get(0).get("version").asInt()).isEqualTo(2);
      assertThat(ns.get("memories").get(0).get("text").asText())
          .isEqualTo("Deployed v1.2 to staging");
      assertThat(ns.get("memories").get(0).get("tags").toString())
          .isEqualTo("[\"deploy\",\"v1.2\"]");
      assertThat(ns.get("goals").get(0).get("title").asText()).isEqualTo("Ship the JSON store");
      assertThat(main.get("store").get("journal_seq").asInt()).isEqualTo(4);

      // pretty-printed exactly as the core prints JSON, so diffs of the file read well
      String text = Files.readString(dir.resolve("memory.json"));
      assertThat(text).isEqualTo(JsonWriter.pretty(JsonText.parse(text, "memory.json")) + "\n");

      // and it is an export document the core imports as it is
      try (Memkit copy = Memkit.open("mem:copy", TestStores.options())) {
        copy.transfer(Actor.of("test"))
            .importDocument(
                new ImportDocument(JsonText.parse(text, "memory.json"), ImportMode.MERGE));
        assertThat(copy.space().memories().find(dev.memkit.core.model.MemoryId.of(1))).isPresent();
      }

      List<JsonNode> audit = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("memory_audit.log"))) {
        audit.add(JACKSON.readTree(line));
      }
      assertThat(audit)
          .extracting(a -> a.get("action").asText())
          .containsExactly("state.set", "memory.add", "goal.add", "state.set");
      assertThat(audit).extracting(a -> a.get("sequence").asInt()).containsExactly(1, 2, 3, 4);
      JsonNode last = audit.get(3);
      assertThat(last.get("target").asText()).isEqualTo("state:current_phase");
      assertThat(last.get("actor").asText()).isEqualTo("embedded");
      assertThat(last.get("before").get("value").asText()).isEqualTo("testing");
      assertThat(last.get("after").get("value").asText()).isEqualTo("release");
      assertThat(last.get("diff").asText())
          .contains("-  \"value\": \"testing\",")
          .contains("+  \"value\": \"release\",");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains("memory.json", "memory_audit.log", "memory.lock")
          .anyMatch(n -> n.matches("memory_backup_\\d{8}T\\d{6}\\.\\d{3}Z\\.json"))
          .allMatch(n -> n.startsWith("memory"));
    }
  }

  @Test
  void theDeepestValueAllowedSurvivesTheJournalTheAuditLogAndMemoryJson() {
    JsonValue deep = JsonValue.of("bottom");
    for (int i = 0; i < 63; i++) {
      deep = JsonValue.array(deep);
    }
    JsonValue value = deep;
    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      memkit.space().state().set(StateKey.of("deep"), value);
      assertThat(memkit.space().audit().list(ListAudit.newest(50)).items()).hasSize(1);
    }
    store = TestStores.open(dir, "");
    assertThat(store.recoveryReport()).isEmpty();
    try (Memkit memkit = TestStores.memkit(store)) {
      assertThat(memkit.space().state().get(StateKey.of("deep")).orElseThrow().value())
          .isEqualTo(value);
      memkit.space().state().set(StateKey.of("deep"), JsonValue.of(1));
      store.closeLeavingJournal();
    }
    store = TestStores.open(dir, "");
    assertThat(store.recoveryReport()).isEmpty();
    try (Memkit memkit = TestStores.memkit(store)) {
      assertThat(
              memkit
                  .space()
                  .audit()
                  .list(ListAudit.newest(50))
                  .items()
                  .get(0)
                  .before()
                  .orElseThrow()
                  .toJson())
          .contains("\"bottom\"");
    }
  }

  @Test
  void theJournalIsOneChecksummedJsonLinePerWrite() throws Exception {
    JsonStore store = TestStores.open(dir, "");
    try (Memkit memkit = TestStores.memkit(store)) {
      memkit.space().memories().add(AddMemory.of("first"));
      memkit.space().memories().add(AddMemory.of("second"));
      Path segment;
      try (Stream<Path> files = Files.list(dir)) {
        segment =
            files
                .filter(p -> p.getFileName().toString().startsWith(Journal.PREFIX))
                .findFirst()
                .orElseThrow();
      }
      List<String> lines = Files.readAllLines(segment);
      assertThat(lines).hasSize(2);
      for (String line : lines) {
        assertThat(line).matches("[0-9a-f]{8} \\{\"seq\":\\d+,.*");
        JsonNode record = JACKSON.readTree(line.substring(9));
        assertThat(record.get("changes").get(0).get("op").asText()).isEqualTo("memory.put");
        assertThat(record.get("changes").get(1).get("op").asText()).isEqualTo("audit.append");
      }
    }
  }

  @Test
  void aCleanCloseFoldsTheJournalIntoMemoryJson() throws Exception {
    try (Memkit memkit = TestStores.memkit(TestStores.open(dir, ""))) {
      memkit.space().memories().add(AddMemory.of("kept in memory.json"));
    }
    assertThat(
            JACKSON
                .readTree(dir.resolve("memory.json").toFile())
                .get("namespaces")
                .get(0)
                .get("memories")
                .get(0)
                .get("text")
                .asText())
        .isEqualTo("kept in memory.json");
    JsonStore again = TestStores.open(dir, "");
    assertThat(again.recoveryReport()).isEmpty();
    again.close();
  }

  @Test
  void manyShortSessionsStillCompactAndKeepTheJournalSmall() throws Exception {
    // memory.json stays tiny (one state entry) while every session adds to the journal
    for (int session = 1; session <= 60; session++) {
      try (Memkit memkit = TestStores.memkit(TestStores.open(dir, "?compact_bytes=8192"))) {
        memkit
            .space()
            .state()
            .set(StateKey.of("session"), JsonValue.of("session " + session + " was here"));
      }
    }
    long journal = 0;
    for (Journal.Segment s : Journal.segments(dir)) {
      journal += Files.size(s.path());
    }
    // 60 records of about 1 KB were written; the journal keeps at most two thresholds' worth
    assertThat(journal).isLessThan(2 * 8192 + 4096);
    assertThat(SnapshotBackups.ids(dir)).isNotEmpty();
    try (Memkit memkit = TestStores.memkit(TestStores.open(dir, ""))) {
      StateEntry entry = memkit.space().state().get(StateKey.of("session")).orElseThrow();
      assertThat(entry.value()).isEqualTo(JsonValue.of("session 60 was here"));
      assertThat(entry.version()).isEqualTo(60);
    }
  }

  @Test
  void writesPastTheThresholdCompactInTheBackgroundAndBackupsAreRotated() throws Exception {
    JsonStore store = TestStores.open(dir, "?compact_bytes=4096&backup_keep=3");
    try (Memkit memkit = TestStores.memkit(store)) {
      for (int i = 0; i < 300; i++) {
        memkit
            .space()
            .memories()
            .add(AddMemory.of("memory number " + i + " with some words to fill the journal"));
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (JACKSON.readTree(dir.resolve("memory.json").toFile()).get("namespaces").isEmpty()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(
              JACKSON
                  .readTree(dir.resolve("memory.json").toFile())
                  .get("namespaces")
                  .get(0)
                  .get("memories")
                  .size())
          .isGreaterThan(0);
      assertThat(store.backups().list()).hasSizeLessThanOrEqualTo(3).isNotEmpty();
    }
    try (Memkit memkit = TestStores.memkit(TestStores.open(dir, ""))) {
      assertThat(
              memkit
                  .space()
                  .memories()
                  .list(dev.memkit.core.port.in.ListMemories.newest(1))
                  .items()
                  .get(0)
                  .text())
          .isEqualTo("memory number 299 with some words to fill the journal");
    }
  }
}
