package dev.memkit.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.SearchMemories;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing files of other tools into a real SQLite store. */
class MemoryImporterTest {
  @TempDir Path dir;

  private Memkit open() {
    return Memkit.open("sqlite:" + dir.resolve("memkit.db"));
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = MemoryImporterTest.class.getResourceAsStream("/mcp-memory/" + name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Memory> all(Space space) {
    List<Memory> newestFirst =
        new ArrayList<>(space.memories().list(ListMemories.newest(100)).items());
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Test
  void aFileWrittenByTheReferenceServerGivesEntitiesAndRelationsAndAReimportAddsNone()
      throws IOException {
    try (Memkit memkit = open()) {
      ImportResult first =
          MemoryImporter.importInto(
              memkit.space(), ImportFormat.MCP_MEMORY, fixture("memory.jsonl"), false);
      assertThat(first).isEqualTo(new ImportResult(ImportFormat.MCP_MEMORY, 5, 0, List.of()));

      List<Memory> memories = all(memkit.space());
      assertThat(memories)
          .extracting(Memory::text)
          .containsExactly(
              "John_Smith (person)\n- Speaks fluent Spanish\n- Graduated in 2019\n- Prefers morning meetings",
              "Acme Corp (organization)\n- Deployed v1.2 of the billing service on Friday\n- Headquarters in \"Berlin\", since 2010",
              "Café Müller (place)",
              "John_Smith works_at Acme Corp",
              "John_Smith meets clients at Café Müller");
      assertThat(memories)
          .extracting(m -> m.kind().value())
          .containsExactly("entity", "entity", "entity", "relation", "relation");
      assertThat(memories.get(1).tags())
          .extracting(Tag::value)
          .containsExactly("source:mcp-memory", "entity:Acme_Corp", "type:organization");
      assertThat(memories.get(4).tags())
          .extracting(Tag::value)
          .containsExactly(
              "source:mcp-memory",
              "entity:John_Smith",
              "entity:Café_Müller",
              "relation:meets_clients_at");
      assertThat(memories.get(4).metadata())
          .isEqualTo(
              JsonValue.objectBuilder()
                  .put("source", "mcp-memory")
                  .put("from", "John_Smith")
                  .put("to", "Café Müller")
                  .put("relation_type", "meets clients at")
                  .build());
      assertThat(memories.get(2).metadata().string("entity")).contains("Café Müller");
      assertThat(
              memkit
                  .space()
                  .memories()
                  .search(SearchMemories.of("When was the billing service deployed?")))
          .first()
          .satisfies(h -> assertThat(h.memory().text()).startsWith("Acme Corp"));
    }
    try (Memkit memkit = open()) {
      ImportResult again =
          MemoryImporter.importInto(
              memkit.space(), ImportFormat.MCP_MEMORY, fixture("memory.jsonl"), false);
      assertThat(again).isEqualTo(new ImportResult(ImportFormat.MCP_MEMORY, 0, 5, List.of()));
      assertThat(all(memkit.space())).hasSize(5);
    }
  }

  @Test
  void aChangedEntityIsImportedAgainAsItsNewVersion() throws IOException {
    try (Memkit memkit = open()) {
      Space space = memkit.space("graph");
      MemoryImporter.importInto(space, ImportFormat.MCP_MEMORY, fixture("memory.jsonl"), false);
      String changed =
          new String(fixture("memory.jsonl"), StandardCharsets.UTF_8)
              .replace(
                  "\"Prefers morning meetings\"]",
                  "\"Prefers morning meetings\",\"Moved to Lisbon\"]");

      ImportResult result =
          MemoryImporter.importInto(space, ImportFormat.MCP_MEMORY, utf8(changed), false);

      assertThat(result.added()).isEqualTo(1);
      assertThat(result.existing()).isEqualTo(4);
      assertThat(all(space).get(5).text()).endsWith("- Moved to Lisbon");
    }
  }

  @Test
  void badLinesAreReportedByNumberAndNothingIsWrittenUnlessSkipped() {
    String file =
        """
        {"type":"entity","name":"Ada","entityType":"person","observations":["Wrote the first program"]}
        {"type":"entity","name":"Bob","entityType":"person","observations":["x"]
        {"type":"thing","name":"C"}

        {"type":"relation","from":"Ada","to":"Bob"}
        {"type":"relation","from":"Ada","to":"Bob","relationType":"knows"}
        """;
    try (Memkit memkit = open()) {
      Space space = memkit.space();
      assertThatThrownBy(
              () -> MemoryImporter.importInto(space, ImportFormat.MCP_MEMORY, utf8(file), false))
          .isInstanceOfSatisfying(
              InvalidImportException.class,
              e ->
                  assertThat(e.invalidLines())
                      .extracting(InvalidLine::line)
                      .containsExactly(2, 3, 5))
          .hasMessageContaining(
              "file has 3 invalid lines for format mcp-memory (line 2: line must be valid JSON: Unexpected end-of-input: expected close marker for Object; line 3")
          .hasMessageContaining("line 3: type must be entity or relation, got 'thing'")
          .hasMessageContaining("line 5: relationType is required")
          .hasMessageContaining("nothing was imported");
      assertThat(all(space)).isEmpty();
      assertThat(space.audit().list(ListAudit.newest(50)).items()).isEmpty();

      ImportResult skipped =
          MemoryImporter.importInto(space, ImportFormat.MCP_MEMORY, utf8(file), true);

      assertThat(skipped.added()).isEqualTo(2);
      assertThat(skipped.skipped()).extracting(InvalidLine::line).containsExactly(2, 3, 5);
      assertThat(all(space))
          .extracting(Memory::text)
          .containsExactly("Ada (person)\n- Wrote the first program", "Ada knows Bob");
    }
  }

  @Test
  void jsonLinesCarryTagsKindTimeAndMetadata() {
    String file =
        """
        {"text":"Deployed v1.2","tags":["deploy","v1.2"],"created_at":"2025-03-01T09:30:00Z","kind":"event","metadata":{"by":"ci"}}
        {"text":"Likes tea","tags":"preference, drinks","created_at":"2025-02-01","id":17}
        {"text":"Deployed v1.2","tags":["deploy","v1.2"],"created_at":"2025-03-01T10:30:00+01:00","kind":"event","metadata":{"by":"ci"}}
        {"text":"","tags":[]}
        {"text":"bad time","created_at":"yesterday"}
        {"text":"bad tag","tags":["no spaces allowed"]}
        ["not","an","object"]
        """;
    try (Memkit memkit = open()) {
      Space space = memkit.space();
      ImportBatch batch = MemoryImporter.read(ImportFormat.JSONL, utf8(file));
      assertThat(batch.invalidLines()).extracting(InvalidLine::line).containsExactly(4, 5, 6, 7);
      assertThat(batch.invalidLines().get(1).reason())
          .startsWith("created_at must be an ISO-8601 time");

      ImportResult result = MemoryImporter.store(space, batch.requireValid(true));

      assertThat(result.added()).isEqualTo(2);
      assertThat(result.existing()).as("line 3 is line 1 at the same instant").isEqualTo(1);
      List<Memory> memories = all(space);
      assertThat(memories.get(0).tags())
          .extracting(Tag::value)
          .containsExactly("source:jsonl", "deploy", "v1.2");
      assertThat(memories.get(0).kind().value()).isEqualTo("event");
      assertThat(memories.get(0).occurredAt()).contains(Instant.parse("2025-03-01T09:30:00Z"));
      assertThat(memories.get(0).metadata().string("by")).contains("ci");
      assertThat(memories.get(1).tags())
          .extracting(Tag::value)
          .containsExactly("source:jsonl", "preference", "drinks");
      assertThat(memories.get(1).occurredAt()).contains(Instant.parse("2025-02-01T00:00:00Z"));
      assertThat(memories.get(1).kind().value()).isEqualTo("note");
      assertThat(MemoryImporter.importInto(space, ImportFormat.JSONL, utf8(file), true).added())
          .isZero();
    }
  }

  @Test
  void csvHandlesQuotedCommasQuotesAndLineBreaksAndNumbersRowsByTheirFirstLine() {
    String file =
        "kind,text,tags,created_at,metadata\r\n"
            + "fact,\"Paris, France is the capital\",geo;europe,2025-01-01T00:00:00Z,\"{\"\"confidence\"\":0.9}\"\r\n"
            + "note,\"Two\nlines with a \"\"quote\"\"\",,,\n"
            + "\n"
            + "note,,x,,\n"
            + "note,too,few\n"
            + "decision,Ship on Friday,release,,\n";
    try (Memkit memkit = open()) {
      Space space = memkit.space();
      ImportBatch batch = MemoryImporter.read(ImportFormat.CSV, utf8(file));

      assertThat(batch.invalidLines())
          .extracting(InvalidLine::toString)
          .containsExactly(
              "line 6: text is required and must not be blank",
              "line 7: row must have 5 fields like the header, got 3");
      assertThat(batch.memories()).extracting(ImportedMemory::line).containsExactly(2, 3, 8);
      MemoryImporter.store(space, batch);
      List<Memory> memories = all(space);
      assertThat(memories)
          .extracting(Memory::text)
          .containsExactly(
              "Paris, France is the capital", "Two\nlines with a \"quote\"", "Ship on Friday");
      assertThat(memories.get(0).tags())
          .extracting(Tag::value)
          .containsExactly("source:csv", "geo", "europe");
      assertThat(memories.get(0).metadata().get("confidence")).contains(JsonValue.of(0.9));
      assertThat(memories.get(2).kind().value()).isEqualTo("decision");
    }
  }

  @Test
  void aCsvWithABadHeaderOrAnOpenQuoteIsRefusedWhole() {
    assertThatThrownBy(
            () -> MemoryImporter.read(ImportFormat.CSV, utf8("text,colour\nhello,red\n")))
        .isInstanceOfSatisfying(
            InvalidImportException.class,
            e -> assertThat(e.invalidLines()).extracting(InvalidLine::line).containsExactly(1))
        .hasMessageContaining("got 'colour'");
    assertThatThrownBy(() -> MemoryImporter.read(ImportFormat.CSV, utf8("tags\nx\n")))
        .hasMessageContaining("header must name a text column");
    assertThatThrownBy(
            () -> MemoryImporter.read(ImportFormat.CSV, utf8("text\nok\n\"never closed\n\n")))
        .isInstanceOfSatisfying(
            InvalidImportException.class,
            e -> assertThat(e.invalidLines()).extracting(InvalidLine::line).containsExactly(3));
    assertThat(MemoryImporter.read(ImportFormat.CSV, utf8("")).memories()).isEmpty();
  }

  @Test
  void formatsAreNamedAndTextMustBeUtf8() {
    assertThat(ImportFormat.parse("MCP-Memory")).isEqualTo(ImportFormat.MCP_MEMORY);
    assertThatThrownBy(() -> ImportFormat.parse("mem0"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("from must be one of mcp-memory, jsonl, csv, got 'mem0'");
    assertThatThrownBy(
            () -> MemoryImporter.read(ImportFormat.JSONL, new byte[] {'{', (byte) 0xff, '}'}))
        .isInstanceOf(ValidationException.class)
        .hasMessage("file must be UTF-8 text");
    assertThat(MemoryImporter.read(ImportFormat.JSONL, utf8("\uFEFF{\"text\":\"bom\"}")).memories())
        .hasSize(1);
  }
}
