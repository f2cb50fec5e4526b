package dev.memkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.jackson.JsonText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line with the embedding model on a SQLite store: modes, and reindex with progress.
 */
class HybridCommandsTest {
  private static final String QUESTION = "Which hot beverage does she enjoy?";

  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void open() {
    cli = Cli.on("sqlite", dir).env("MEMKIT_EMBEDDER", "all-minilm-l6-v2-q");
    cli.ok("memory", "add", "Alice prefers dark roast coffee");
    cli.ok("memory", "add", "The weekly team meeting moved to Thursday");
    cli.ok("memory", "add", "Bob fixed the login bug in the mobile app");
  }

  @AfterEach
  void close() {
    cli.close();
  }

  @Test
  void searchFindsByMeaningWhatKeywordsMiss() {
    Cli.Result semantic =
        cli.run("--json", "memory", "search", QUESTION, "--mode", "semantic", "--limit", "1");
    assertThat(semantic.code()).as(semantic.toString()).isZero();
    JsonObject hit = (JsonObject) ((JsonValue.JsonArray) semantic.get("items")).values().get(0);
    assertThat(hit.string("text")).hasValue("Alice prefers dark roast coffee");
    assertThat(hit.get("semantic_score").orElseThrow()).isInstanceOf(JsonValue.JsonNumber.class);

    Cli.Result keyword = cli.run("--json", "memory", "search", QUESTION, "--mode", "keyword");
    assertThat(((JsonValue.JsonArray) keyword.get("items")).values()).isEmpty();

    Cli.Result hybrid = cli.run("memory", "search", QUESTION, "--limit", "1");
    assertThat(hybrid.out()).contains("Alice prefers dark roast coffee");
  }

  @Test
  void anUnknownModeIsInvalidInput() {
    Cli.Result result = cli.run("memory", "search", "coffee", "--mode", "fuzzy");
    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).contains("mode");
  }

  @Test
  void reindexPrintsProgressLinesAndTheResultAsJson() {
    Cli.Result result = cli.run("--json", "reindex", "--all");
    assertThat(result.code()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
    JsonObject last = (JsonObject) JsonText.parse(lines.get(lines.size() - 1), "out");
    assertThat(last.string("model")).hasValue("all-minilm-l6-v2-q");
    assertThat(last.get("total").orElseThrow().toString()).isEqualTo("3");
    JsonObject progress = (JsonObject) JsonText.parse(lines.get(lines.size() - 2), "out");
    assertThat(progress.get("done").orElseThrow().toString()).isEqualTo("3");
    assertThat(progress.get("total").orElseThrow().toString()).isEqualTo("3");
  }

  @Test
  void reindexDrawsABarOnStandardError() {
    Cli.Result result = cli.run("reindex");
    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.err()).contains("3/3 (100%)");
    assertThat(result.out()).startsWith("Embedded ").contains("all-minilm-l6-v2-q");
  }

  @Test
  void theContextBlockCanSearchByMeaning() {
    Cli.Result block =
        cli.run(
            "context",
            "--max-tokens",
            "200",
            "--sections",
            "relevant",
            "--query",
            QUESTION,
            "--mode",
            "semantic");
    assertThat(block.code()).as(block.toString()).isZero();
    assertThat(block.out()).contains("Alice prefers dark roast coffee");
  }
}
