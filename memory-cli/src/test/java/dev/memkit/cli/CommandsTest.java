package dev.memkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command, run in-process through {@code CommandLine.execute} on each durable store on the
 * classpath (SQLite, JSON), checking output, exit codes and what the store holds afterwards.
 */
class CommandsTest {
  static final String SEED_BLOCK =
      "# State:\n- current_phase: testing\n\n# Goals:\n- [in_progress] (1) Launch MVP\n\n"
          + "# Recent Memory:\n- Deployed v1.2 (deploy,v1.2)";

  @TempDir Path dir;

  private Cli cli;

  private Cli cli(String kind) {
    cli = Cli.on(kind, dir);
    return cli;
  }

  @AfterEach
  void close() {
    if (cli != null) {
      cli.close();
    }
  }

  static Iterable<String> stores() {
    return Cli.storeKinds();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void theSeedReadmeSequenceGivesTheSeedContextBlock(String store) {
    Cli c = cli(store);
    c.ok("state", "set", "current_phase", "testing");
    assertThat(c.ok("state", "get", "current_phase")).isEqualTo("testing\n");
    c.ok("memory", "add", "Deployed v1.2", "--tag", "deploy", "--tag", "v1.2");
    Cli.Result search = c.run("--json", "memory", "search", "deploy", "--limit", "5");
    assertThat(search.code()).isZero();
    JsonObject hit = (JsonObject) ((JsonValue.JsonArray) search.get("items")).values().get(0);
    assertThat(hit.string("text")).contains("Deployed v1.2");
    assertThat(c.ok("goal", "add", "Launch MVP")).isEqualTo("Added goal 1: Launch MVP\n");
    c.ok("goal", "progress", "1", "--status", "in_progress", "--note", "Wired authentication");

    Cli.Result context = c.run("context", "--max-tokens", "1500");
    assertThat(context.code()).isZero();
    assertThat(context.out()).isEqualTo(SEED_BLOCK + "\n");
    assertThat(context.err()).isEmpty();
    Cli.Result json = c.run("context", "--max-tokens", "1500", "--json");
    assertThat(json.get("prompt_block")).isEqualTo(JsonValue.of(SEED_BLOCK));
    assertThat(json.get("tokenizer")).isEqualTo(JsonValue.of("o200k_base"));
    assertThat(((JsonValue.JsonNumber) json.get("tokens")).value().intValue())
        .isPositive()
        .isLessThanOrEqualTo(1500);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void stateSetStoresJsonWhenItParsesAndTextOtherwise(String store) {
    Cli c = cli(store);
    assertThat(c.ok("state", "set", "n", "42")).isEqualTo("n = 42 (version 1)\n");
    c.ok("state", "set", "s", "hello world");
    c.ok("state", "set", "o", "{\"a\":[1,true,null]}");
    c.ok("state", "set", "forced", "42", "--string");
    c.ok("state", "set", "quoted", "\"42\"");
    assertThat(c.run("--json", "state", "get", "n").get("value")).isEqualTo(JsonValue.of(42));
    assertThat(c.run("--json", "state", "get", "s").get("value"))
        .isEqualTo(JsonValue.of("hello world"));
    assertThat(c.run("--json", "state", "get", "forced").get("value"))
        .isEqualTo(JsonValue.of("42"));
    assertThat(c.run("--json", "state", "get", "quoted").get("value"))
        .isEqualTo(JsonValue.of("42"));
    assertThat(c.ok("state", "get", "o"))
        .isEqualTo("{\n  \"a\": [\n    1,\n    true,\n    null\n  ]\n}\n");
    Cli.Result entry = c.run("state", "get", "o", "--json");
    assertThat(entry.get("version")).isEqualTo(JsonValue.of(1));
    assertThat(entry.get("namespace")).isEqualTo(JsonValue.of("default"));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aDashReadsTheValueFromStandardInput(String store) {
    Cli c = cli(store);
    assertThat(c.input("{\"phase\": \"Café ✓\"}\n", "state", "set", "doc", "-").code()).isZero();
    assertThat(c.run("--json", "state", "get", "doc").get("value"))
        .isEqualTo(JsonValue.objectBuilder().put("phase", "Café ✓").build());
    assertThat(c.input("line one\nline two\n", "memory", "add", "-").code()).isZero();
    assertThat(c.run("--json", "memory", "get", "1").get("text"))
        .isEqualTo(JsonValue.of("line one\nline two"));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void statePatchMergesListFiltersByPrefixAndDeleteRemoves(String store) {
    Cli c = cli(store);
    c.ok("state", "set", "app.config", "{\"a\":1,\"b\":2}");
    c.ok("state", "set", "app.name", "memkit");
    c.ok("state", "set", "other", "1");
    assertThat(c.ok("state", "patch", "app.config", "{\"b\":null,\"c\":3}"))
        .isEqualTo("app.config = {\"a\":1,\"c\":3} (version 2)\n");

    String table = c.ok("state", "list", "app.");
    assertThat(table.lines().toList()).hasSize(3);
    assertThat(table).startsWith("KEY").contains("app.config", "app.name").doesNotContain("other");
    JsonValue items = c.run("--json", "state", "list").get("items");
    assertThat(((JsonValue.JsonArray) items).values()).hasSize(3);

    assertThat(c.ok("state", "delete", "app.name")).isEqualTo("Deleted state app.name\n");
    Cli.Result again = c.run("state", "delete", "app.name");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("memkit: state key 'app.name' not found\n");
    assertThat(c.run("state", "get", "app.name").code()).isEqualTo(1);
    assertThat(c.ok("state", "list", "nothing-here")).isEqualTo("No state entries.\n");
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aWriteExpectingAnotherVersionExitsFourAndChangesNothing(String store) {
    Cli c = cli(store);
    c.ok("state", "set", "k", "1", "--if-version", "0");
    Cli.Result conflict = c.run("state", "set", "k", "2", "--if-version", "0");
    assertThat(conflict.code()).isEqualTo(4);
    assertThat(conflict.err())
        .startsWith("memkit: ")
        .contains("version")
        .endsWith("\n")
        .hasLineCount(1);
    assertThat(c.run("state", "patch", "k", "3", "--if-version", "7").code()).isEqualTo(4);
    assertThat(c.run("state", "delete", "k", "--if-version", "2").code()).isEqualTo(4);
    assertThat(c.ok("state", "get", "k")).isEqualTo("1\n");
    c.ok("state", "set", "k", "2", "--if-version", "1");
    assertThat(c.ok("state", "get", "k")).isEqualTo("2\n");
  }

  @ParameterizedTest
  @MethodSource("stores")
  void invalidInputExitsThreeWithOneLineAndChangesNothing(String store) {
    Cli c = cli(store);
    List<String[]> bad =
        List.of(
            new String[] {"state", "set", "bad key", "1"},
            new String[] {"state", "patch", "k", "{not json"},
            new String[] {"memory", "add", "text", "--tag", "a b"},
            new String[] {"memory", "add", "   "},
            new String[] {"memory", "add", "text", "--kind", "Note"},
            new String[] {"memory", "add", "text", "--metadata", "[1]"},
            new String[] {"memory", "add", "text", "--occurred-at", "yesterday"},
            new String[] {"memory", "list", "--limit", "500"},
            new String[] {"goal", "add", "x".repeat(501)},
            new String[] {"goal", "list", "--status", "finished"},
            new String[] {"profile", "patch", "[1,2]"},
            new String[] {"context", "--max-tokens", "0"},
            new String[] {"--namespace", "Bad Name", "state", "list"});
    for (String[] args : bad) {
      Cli.Result r = c.run(args);
      assertThat(r.code()).as(String.join(" ", args) + " -> " + r).isEqualTo(3);
      assertThat(r.err()).as(String.join(" ", args)).startsWith("memkit: ").hasLineCount(1);
      assertThat(r.out()).isEmpty();
    }
    assertThat(c.ok("--json", "memory", "list")).contains("\"items\": []");
    assertThat(c.ok("state", "list")).isEqualTo("No state entries.\n");
    assertThat(c.ok("goal", "list")).isEqualTo("No goals.\n");
  }

  @ParameterizedTest
  @MethodSource("stores")
  void memoryCommandsAddGetUpdateListSearchAndDelete(String store) {
    Cli c = cli(store);
    Cli.Result added =
        c.run(
            "--json",
            "memory",
            "add",
            "Deployed v1.2 to production",
            "-t",
            "deploy",
            "--tag",
            "v1.2",
            "--kind",
            "event",
            "--key",
            "deploy-1",
            "--metadata",
            "{\"by\":\"ci\"}",
            "--occurred-at",
            "2026-11-20");
    assertThat(added.code()).isZero();
    assertThat(added.get("id")).isEqualTo(JsonValue.of(1));
    assertThat(added.get("kind")).isEqualTo(JsonValue.of("event"));
    assertThat(added.get("occurred_at")).isEqualTo(JsonValue.of("2026-11-20T00:00:00Z"));
    assertThat(c.ok("memory", "add", "Deployed again?", "--key", "deploy-1"))
        .isEqualTo("Memory 1 already has key 'deploy-1'; nothing added\n");
    assertThat(c.ok("memory", "add", "Chose SQLite for storage", "--kind", "decision"))
        .isEqualTo("Added memory 2\n");

    String details = c.ok("memory", "get", "1");
    assertThat(details)
        .contains(
            "text:", "Deployed v1.2 to production", "tags:", "deploy,v1.2", "{\"by\":\"ci\"}");
    assertThat(c.ok("memory", "update", "1", "--text", "Deployed v1.2.1", "--clear-tags"))
        .isEqualTo("Updated memory 1\n");
    Cli.Result updated = c.run("--json", "memory", "get", "1");
    assertThat(updated.get("text")).isEqualTo(JsonValue.of("Deployed v1.2.1"));
    assertThat(updated.get("tags")).isEqualTo(JsonValue.array());
    assertThat(c.run("memory", "update", "1").code()).isEqualTo(3);
    assertThat(c.run("memory", "update", "99", "--text", "x").code()).isEqualTo(1);

    c.ok("memory", "update", "1", "--tag", "deploy");
    assertThat(c.ok("memory", "list", "--tag", "DEPLOY"))
        .contains("Deployed v1.2.1")
        .doesNotContain("SQLite");
    assertThat(c.ok("memory", "list", "--kind", "decision"))
        .contains("SQLite")
        .doesNotContain("Deployed");
    String list = c.ok("memory", "list");
    assertThat(list.lines().toList()).hasSize(3);
    assertThat(list.lines().toList().get(1)).startsWith("2 ");

    String hits = c.ok("memory", "search", "when did we deploy?");
    assertThat(hits).startsWith("ID").contains("Deployed v1.2.1").doesNotContain("SQLite");
    assertThat(c.ok("memory", "search", "\"unbalanced (OR * query")).isEqualTo("No matches.\n");
    JsonValue searchJson =
        c.run("--json", "memory", "search", "storage", "--limit", "1").get("items");
    JsonObject first = (JsonObject) ((JsonValue.JsonArray) searchJson).values().get(0);
    assertThat(first.get("score")).isPresent();
    assertThat(first.get("matched_terms")).contains(JsonValue.of(1));

    assertThat(c.ok("memory", "delete", "2")).isEqualTo("Deleted memory 2\n");
    Cli.Result gone = c.run("memory", "get", "2");
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).isEqualTo("memkit: memory 2 not found\n");
    assertThat(c.run("memory", "delete", "2").code()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void memoryListPagesWithTheCursorItPrints(String store) {
    Cli c = cli(store);
    for (int i = 1; i <= 3; i++) {
      c.ok("memory", "add", "note " + i);
    }
    Cli.Result page = c.run("--json", "memory", "list", "--limit", "2");
    assertThat(((JsonValue.JsonArray) page.get("items")).values()).hasSize(2);
    String cursor = ((JsonValue.JsonString) page.get("next_cursor")).value();
    assertThat(c.ok("memory", "list", "--limit", "2")).endsWith("More: --cursor " + cursor + "\n");
    Cli.Result rest = c.run("--json", "memory", "list", "--limit", "2", "--cursor", cursor);
    assertThat(((JsonValue.JsonArray) rest.get("items")).values()).hasSize(1);
    assertThat(rest.get("next_cursor")).isEqualTo(JsonValue.NULL);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void snapshotsAreSavedListedAndTheLatestShown(String store) {
    Cli c = cli(store);
    assertThat(c.run("snapshot", "latest").code()).isEqualTo(1);
    c.ok("snapshot", "save", "First session: set up the store");
    c.ok("memory", "add", "not a snapshot");
    Cli.Result saved =
        c.run(
            "--json",
            "snapshot",
            "save",
            "Second session",
            "--data",
            "{\"next\":\"tests\"}",
            "--tag",
            "s2");
    assertThat(saved.get("kind")).isEqualTo(JsonValue.of("snapshot"));
    assertThat(saved.get("metadata"))
        .isEqualTo(JsonValue.objectBuilder().put("next", "tests").build());
    String list = c.ok("snapshot", "list");
    assertThat(list).contains("First session", "Second session").doesNotContain("not a snapshot");
    assertThat(c.run("--json", "snapshot", "latest").get("text"))
        .isEqualTo(JsonValue.of("Second session"));
    assertThat(c.run("snapshot", "save", "x", "--data", "not json").code()).isEqualTo(3);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void profileAndWorkingMemoryAreShownAndMergePatched(String store) {
    Cli c = cli(store);
    Cli.Result unset = c.run("profile", "show");
    assertThat(unset.code()).isEqualTo(1);
    assertThat(unset.err()).isEqualTo("memkit: profile not found\n");
    c.ok("profile", "patch", "{\"name\":\"Ada\",\"tz\":\"UTC\"}");
    c.ok("profile", "patch", "{\"tz\":null,\"lang\":\"en\"}");
    assertThat(c.ok("profile", "show"))
        .isEqualTo("{\n  \"name\": \"Ada\",\n  \"lang\": \"en\"\n}\n");
    assertThat(c.run("--json", "state", "get", "profile").get("version"))
        .isEqualTo(JsonValue.of(2));
    assertThat(c.run("profile", "patch", "{\"x\":1}", "--if-version", "1").code()).isEqualTo(4);

    assertThat(c.run("working", "show").code()).isEqualTo(1);
    assertThat(c.input("{\"task\":\"write docs\"}", "working", "patch", "-").code()).isZero();
    assertThat(c.run("--json", "working", "show").get("key"))
        .isEqualTo(JsonValue.of("working_memory"));
    assertThat(c.run("working", "patch", "\"text\"").code()).isEqualTo(3);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void goalCommandsTrackProgress(String store) {
    Cli c = cli(store);
    c.ok("goal", "add", "Launch MVP", "--due", "2026-12-01");
    c.ok("goal", "add", "Write docs");
    c.ok("goal", "add", "Old idea");
    assertThat(
            c.ok(
                "goal",
                "progress",
                "1",
                "--status",
                "in-progress",
                "--note",
                "Wired authentication"))
        .isEqualTo("Goal 1 is in_progress: Launch MVP\n");
    c.ok("goal", "progress", "1", "--note", "Added tests");
    c.ok("goal", "progress", "3", "--status", "abandoned");
    Cli.Result neither = c.run("goal", "progress", "1");
    assertThat(neither.code()).isEqualTo(3);
    assertThat(c.run("goal", "progress", "9", "--note", "x").code()).isEqualTo(1);

    String shown = c.ok("goal", "show", "1");
    assertThat(shown)
        .contains(
            "status:",
            "in_progress",
            "due_at:",
            "2026-12-01T00:00:00Z",
            "progress:",
            "new -> in_progress  Wired authentication",
            "Added tests");
    JsonObject goal = (JsonObject) c.run("--json", "goal", "show", "1").json();
    assertThat(((JsonValue.JsonArray) goal.members().get("progress")).values()).hasSize(2);

    String table = c.ok("goal", "list");
    assertThat(table.lines().toList()).hasSize(4);
    assertThat(c.ok("goal", "list", "--active"))
        .contains("Launch MVP", "Write docs")
        .doesNotContain("Old idea");
    assertThat(c.ok("goal", "list", "--status", "abandoned,done"))
        .contains("Old idea")
        .doesNotContain("Launch MVP");
    assertThat(c.run("goal", "list", "--status", "new", "--active").code()).isEqualTo(2);

    c.ok("goal", "update", "1", "--title", "Launch the MVP", "--clear-due");
    JsonObject changed = (JsonObject) c.run("--json", "goal", "show", "1").json();
    assertThat(changed.string("title")).contains("Launch the MVP");
    assertThat(changed.get("due_at")).contains(JsonValue.NULL);
    assertThat(c.run("goal", "update", "1").code()).isEqualTo(3);
    assertThat(c.ok("goal", "delete", "2")).isEqualTo("Deleted goal 2\n");
    assertThat(c.run("goal", "show", "2").code()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void contextHonoursQueryBudgetAndSections(String store) {
    Cli c = cli(store);
    c.ok("state", "set", "current_phase", "testing");
    c.ok("memory", "add", "The database is SQLite", "--tag", "db");
    c.ok("memory", "add", "Lunch was pasta");
    String withQuery = c.ok("context", "--max-tokens", "500", "--query", "which database?");
    assertThat(withQuery)
        .isEqualTo(
            "# State:\n- current_phase: testing\n\n# Relevant Memory:\n- The database is SQLite (db)\n\n"
                + "# Recent Memory:\n- Lunch was pasta\n");
    assertThat(c.ok("context", "--max-tokens", "500", "--sections", "state"))
        .isEqualTo("# State:\n- current_phase: testing\n");
    Cli.Result tight = c.run("--json", "context", "--max-tokens", "8");
    int tokens = ((JsonValue.JsonNumber) tight.get("tokens")).value().intValue();
    assertThat(tokens).isLessThanOrEqualTo(8);
    assertThat(((JsonValue.JsonNumber) tight.get("omitted")).value().intValue()).isPositive();
    assertThat(c.run("context", "--max-tokens", "100", "--sections", "bogus").code()).isEqualTo(3);
    assertThat(c.run("context").code()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void auditShowsEveryChangeByTheCommandLine(String store) {
    Cli c = cli(store);
    c.ok("state", "set", "k", "1");
    c.ok("state", "set", "k", "2");
    c.ok("memory", "add", "remember this");
    Cli.Result all = c.run("--json", "audit");
    List<JsonValue> items = ((JsonValue.JsonArray) all.get("items")).values();
    assertThat(items).hasSize(3);
    JsonObject newest = (JsonObject) items.get(0);
    assertThat(newest.string("action")).contains("memory.add");
    assertThat(newest.string("actor")).contains("cli");
    assertThat(c.ok("audit", "--target", "state:k"))
        .contains("state.set")
        .doesNotContain("memory.add");
    assertThat(c.ok("audit", "--target", "state:k", "--diff"))
        .contains("-  \"value\": 1,", "+  \"value\": 2,");
    Cli.Result first = c.run("--json", "audit", "--limit", "1");
    JsonValue cursor = first.get("next_cursor");
    assertThat(cursor).isInstanceOf(JsonValue.JsonString.class);
    Cli.Result next = c.run("--json", "audit", "--limit", "2", "--before", Printer.bare(cursor));
    assertThat(((JsonValue.JsonArray) next.get("items")).values()).hasSize(2);
    assertThat(next.get("next_cursor"))
        .as("an exactly full last page has no cursor")
        .isEqualTo(JsonValue.NULL);
    assertThat(c.ok("audit", "--limit", "2", "--before", Printer.bare(cursor)))
        .doesNotContain("More:");
    assertThat(c.ok("audit", "--limit", "1")).contains("More: --before " + Printer.bare(cursor));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aRestoredBackupBringsBackTheDataAndCanBeUndone(String store) {
    Cli c = cli(store);
    c.ok("state", "set", "k", "before");
    String id = ((JsonValue.JsonString) c.run("--json", "backup", "create").get("id")).value();
    c.ok("state", "set", "k", "after");
    assertThat(c.ok("backup", "list")).contains(id);
    Cli.Result restored = c.run("--json", "backup", "restore", id);
    assertThat(restored.code()).as(restored.toString()).isZero();
    assertThat(c.ok("state", "get", "k")).isEqualTo("before\n");
    String safety =
        ((JsonValue.JsonString) ((JsonObject) restored.get("safety_backup")).members().get("id"))
            .value();
    assertThat(c.ok("backup", "restore", safety)).contains("Restored backup " + safety);
    assertThat(c.ok("state", "get", "k")).isEqualTo("after\n");
    assertThat(c.run("backup", "restore", "no-such-backup").code()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void exportAndImportMoveDataBetweenStoresAndNamespaces(String store) throws Exception {
    Cli c = cli(store);
    c.ok("state", "set", "k", "{\"v\":1}");
    c.ok("memory", "add", "exported memory", "--tag", "x");
    c.ok("goal", "add", "exported goal");
    c.ok("--namespace", "other", "state", "set", "elsewhere", "1");
    Path file = dir.resolve("export.json");
    assertThat(c.ok("export", file.toString()))
        .isEqualTo("Exported 1 namespace (default) to " + file + "\n");
    JsonObject doc = (JsonObject) dev.memkit.jackson.JsonText.parse(Files.readString(file), "file");
    assertThat(doc.string("format")).contains("memkit-export");
    assertThat(c.run("export", dir.resolve("no/such/dir/export.json").toString()).code())
        .isEqualTo(3);
    String stdout = c.ok("export", "--all");
    assertThat(stdout).contains("\"namespace\": \"other\"", "\"namespace\": \"default\"");

    Path second = dir.resolve("second");
    Files.createDirectories(second);
    try (Cli target = Cli.on(store, second)) {
      Cli.Result report = target.run("--json", "import", file.toString());
      assertThat(report.code()).as(report.toString()).isZero();
      assertThat(report.get("memories")).isEqualTo(JsonValue.of(1));
      assertThat(report.get("namespaces")).isEqualTo(JsonValue.array(JsonValue.of("default")));
      assertThat(target.ok("memory", "list")).contains("exported memory");
      target.ok("state", "set", "local-only", "1");
      assertThat(target.input(stdout, "import", "-", "--replace").code()).isZero();
      assertThat(target.run("state", "get", "local-only").code()).isEqualTo(1);
      assertThat(target.ok("--namespace", "other", "state", "get", "elsewhere")).isEqualTo("1\n");
      assertThat(target.run("import", dir.resolve("missing.json").toString()).code()).isEqualTo(3);
      assertThat(target.input("{\"format\":\"other\"}", "import", "-").code()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void importFromAnotherToolChecksEveryLineFirstAndAddsNothingTheSecondTime(String store)
      throws Exception {
    Cli c = cli(store);
    Path mcp = dir.resolve("memory.jsonl");
    Files.writeString(
        mcp,
        "{\"type\":\"entity\",\"name\":\"Acme Corp\",\"entityType\":\"organization\","
            + "\"observations\":[\"Deployed v1.2 on Friday\"]}\n"
            + "{\"type\":\"relation\",\"from\":\"Ada\",\"to\":\"Acme Corp\",\"relationType\":\"works_at\"}");

    assertThat(c.ok("import", "--from", "mcp-memory", mcp.toString()))
        .isEqualTo(
            "Imported "
                + mcp
                + " (mcp-memory): 2 added, 0 already present, 0 invalid lines skipped\n");
    Cli.Result again = c.run("--json", "import", "--from", "mcp-memory", mcp.toString());
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.get("added")).isEqualTo(JsonValue.of(0));
    assertThat(again.get("existing")).isEqualTo(JsonValue.of(2));
    assertThat(c.ok("memory", "search", "When did Acme deploy?"))
        .contains("Acme Corp (organization)");
    assertThat(c.ok("--json", "memory", "list", "--tag", "source:mcp-memory"))
        .contains("entity:Acme_Corp", "relation:works_at");

    String jsonl =
        "{\"text\":\"Likes tea\",\"tags\":[\"preference\"]}\n{\"text\":\"\"}\n{\"txt\":\"typo\"}\n";
    Cli.Result refused = c.input(jsonl, "-n", "prefs", "import", "--from", "jsonl", "-");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(3);
    assertThat(refused.err())
        .contains(
            "file has 2 invalid lines for format jsonl (line 2: text is required",
            "line 3: text is required",
            "nothing was imported");
    assertThat(c.ok("-n", "prefs", "memory", "list")).doesNotContain("Likes tea");
    assertThat(
            c.input(jsonl, "-n", "prefs", "import", "--from", "jsonl", "-", "--skip-invalid").out())
        .isEqualTo(
            "Imported standard input (jsonl): 1 added, 0 already present, 2 invalid lines skipped\n"
                + "  skipped line 2: text is required and must be a non-blank string\n"
                + "  skipped line 3: text is required and must be a non-blank string\n");

    Path csv = dir.resolve("notes.csv");
    Files.writeString(
        csv, "text,tags,created_at\n\"Standup moved to 10:00, daily\",team,2025-03-01\n");
    assertThat(c.ok("import", "--from", "csv", csv.toString())).contains("1 added");
    assertThat(c.ok("memory", "search", "standup")).contains("Standup moved to 10:00, daily");

    assertThat(c.run("import", "--from", "mem0", csv.toString()).code()).isEqualTo(3);
    assertThat(c.run("import", "--from", "csv", csv.toString(), "--replace").code()).isEqualTo(2);
    assertThat(c.run("import", csv.toString(), "--skip-invalid").code()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void namespacesDoNotSeeEachOther(String store) {
    Cli c = cli(store);
    c.ok("state", "set", "k", "default value");
    c.ok("-n", "project-x", "state", "set", "k", "x value");
    assertThat(c.ok("state", "get", "k")).isEqualTo("default value\n");
    assertThat(c.ok("state", "get", "k", "--namespace", "project-x")).isEqualTo("x value\n");
    c.env("MEMKIT_NAMESPACE", "project-x");
    assertThat(c.ok("state", "get", "k")).isEqualTo("x value\n");
    assertThat(c.run("-n", "empty", "state", "get", "k").code()).isEqualTo(1);
  }
}
