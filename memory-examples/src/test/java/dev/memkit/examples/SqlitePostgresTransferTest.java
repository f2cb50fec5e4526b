package dev.memkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ExportNamespaces;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.store.postgres.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code memkit export --all | memkit import -} with the real command-line jar, from SQLite to
 * PostgreSQL and back: the same data arrives, and it is searchable and keeps its keys.
 */
class SqlitePostgresTransferTest {
  @TempDir Path dir;

  @Test
  void dataMovesFromSqliteToPostgresqlAndBackThroughTheCommandLine() throws Exception {
    String sqlite = "sqlite:" + dir.resolve("source.db");
    String postgres = PostgresServer.get().uri(PostgresServer.schemaFor(UUID.randomUUID()), "");
    String back = "sqlite:" + dir.resolve("back.db");
    try (Memkit source = Memkit.open(sqlite)) {
      source.space().state().set(StateKey.of("phase"), JsonValue.of("testing"));
      source
          .space()
          .memories()
          .add(
              AddMemory.of("Deployed billing v1.2 on Tuesday")
                  .withTags("deploy")
                  .withKey(MemoryKey.of("deploy-1")));
      source.space().memories().add(AddMemory.of("Café meeting with the design team"));
      source.space().goals().add(AddGoal.of("Launch the beta"));
      source.space("team").state().set(StateKey.of("owner"), JsonValue.of("ada"));
    }
    pipe(sqlite, postgres);
    pipe(postgres, back);

    JsonValue original;
    try (Memkit source = Memkit.open(sqlite)) {
      original = data(source);
    }
    try (Memkit pg = Memkit.open(postgres)) {
      assertThat(data(pg)).isEqualTo(original);
      // keyword mode: the words arrived and are indexed (hybrid would also rank the other memory,
      // by meaning)
      assertThat(
              pg.space()
                  .memories()
                  .search(SearchMemories.of("when did we deploy?").withMode(SearchMode.KEYWORD)))
          .hasSize(1);
      assertThat(
              pg.space().memories().search(SearchMemories.of("cafe").withMode(SearchMode.KEYWORD)))
          .hasSize(1);
      assertThat(
              pg.space()
                  .memories()
                  .add(AddMemory.of("again").withKey(MemoryKey.of("deploy-1")))
                  .created())
          .isFalse();
    }
    try (Memkit copy = Memkit.open(back)) {
      assertThat(data(copy)).isEqualTo(original);
    }
  }

  /** Runs {@code memkit --store FROM export --all | memkit --store TO import -}. */
  private void pipe(String from, String to) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("memkit.cli.jar", "../memory-cli/target/memkit-cli.jar"));
    assertThat(jar).as("the command-line jar; build memory-cli first").exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path errors = dir.resolve("errors-" + UUID.randomUUID() + ".log");
    ProcessBuilder export =
        new ProcessBuilder(java, "-jar", jar.toString(), "--store", from, "export", "--all")
            .redirectError(errors.toFile());
    ProcessBuilder importer =
        new ProcessBuilder(java, "-jar", jar.toString(), "--store", to, "import", "-")
            .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
    List<Process> pipeline = ProcessBuilder.startPipeline(List.of(export, importer));
    Process last = pipeline.get(1);
    String out = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    for (Process p : pipeline) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("%s%s", out, Files.readString(errors)).isZero();
    }
    assertThat(out).contains("Imported 2 state entries, 2 memories, 1 goals");
    assertThat(Files.readString(errors)).isEmpty();
  }

  /** The export of every namespace without its time, for comparing data. */
  private static JsonValue data(Memkit memkit) {
    JsonValue.JsonObject doc = memkit.transfer(Actor.of("test")).export(ExportNamespaces.ALL);
    Map<String, JsonValue> members = new HashMap<>(doc.members());
    members.remove("exported_at");
    return JsonValue.object(new java.util.TreeMap<>(members));
  }
}
