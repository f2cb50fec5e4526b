package dev.memkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memkit.core.json.JsonValue;
import dev.memkit.jackson.JsonText;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote mode against the REAL memkit server: memory-http's {@code memkit-server.jar}, started as a
 * child JVM on a free loopback port with an API key and an in-memory store. Skipped, saying why,
 * when that jar has not been built.
 */
class RemoteModeServerTest {
  private static final String KEY = "remote-test-key";
  private static Process server;
  private static String url;

  @TempDir static Path dir;

  static Path serverJar() {
    return Path.of(System.getProperty("memkit.repo.root", ".."))
        .resolve("memory-http/target/memkit-server.jar")
        .toAbsolutePath()
        .normalize();
  }

  @BeforeAll
  static void startServer() throws Exception {
    Path jar = serverJar();
    if (!Files.isRegularFile(jar)) {
      return;
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    url = "http://127.0.0.1:" + port;
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString());
    Map<String, String> env = pb.environment();
    env.put("MEMKIT_PORT", Integer.toString(port));
    env.put("MEMKIT_HOST", "127.0.0.1");
    env.put("MEMKIT_API_KEY", KEY);
    // The in-memory store: these tests are about the HTTP contract, whatever stores the server jar
    // holds.
    env.put("MEMKIT_STORE", "mem:remote-test");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
    server = pb.start();
    Process started = server;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    HttpClient client = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(120);
    while (true) {
      try {
        HttpResponse<String> health =
            client.send(
                HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (!server.isAlive() || Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "the server did not start: " + Files.readString(dir.resolve("server.log")));
      }
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  private Cli cli() {
    assumeTrue(
        server != null,
        "the real server is not built ("
            + serverJar()
            + " is missing): "
            + "remote mode is covered against the stub in RemoteModeStubTest");
    return Cli.bare().env("MEMKIT_URL", url).env("MEMKIT_API_KEY", KEY);
  }

  @Test
  void theSeedSequenceGivesTheSameBlockAsTheHttpRoute() throws Exception {
    Cli cli = cli().env("MEMKIT_NAMESPACE", "seed");
    cli.ok("state", "set", "current_phase", "testing");
    assertThat(cli.ok("state", "get", "current_phase")).isEqualTo("testing\n");
    cli.ok("memory", "add", "Deployed v1.2", "--tag", "deploy", "--tag", "v1.2");
    assertThat(cli.ok("memory", "search", "deploy", "--limit", "5")).contains("Deployed v1.2");
    String goal = cli.run("--json", "goal", "add", "Launch MVP").get("id").toString();
    cli.ok("goal", "progress", goal, "--status", "in_progress", "--note", "Wired authentication");
    String block = cli.ok("context", "--max-tokens", "1500");
    assertThat(block)
        .isEqualTo(
            "# State:\n- current_phase: testing\n\n# Goals:\n- [in_progress] ("
                + goal
                + ") Launch MVP\n\n"
                + "# Recent Memory:\n- Deployed v1.2 (deploy,v1.2)\n");
    HttpResponse<String> route =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(url + "/v1/context?max_tokens=1500&format=json&namespace=seed"))
                    .header("Authorization", "Bearer " + KEY)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(route.statusCode()).isEqualTo(200);
    JsonValue promptBlock =
        ((JsonValue.JsonObject) JsonText.parse(route.body(), "body")).members().get("prompt_block");
    assertThat(promptBlock).isEqualTo(JsonValue.of(block.substring(0, block.length() - 1)));
  }

  @Test
  void everyFamilyOfCommandsWorksRemotely() {
    Cli cli = cli().env("MEMKIT_NAMESPACE", "families");
    cli.ok("state", "set", "k", "{\"a\":1}", "--if-version", "0");
    assertThat(cli.run("state", "set", "k", "2", "--if-version", "0").code()).isEqualTo(4);
    cli.ok("state", "patch", "k", "{\"b\":2}");
    assertThat(cli.ok("state", "list")).contains("k");
    cli.ok("memory", "add", "first", "--key", "same");
    assertThat(cli.ok("memory", "add", "again", "--key", "same")).contains("already has key");
    assertThat(cli.ok("memory", "list")).contains("first");
    cli.ok("snapshot", "save", "session one");
    assertThat(cli.run("--json", "snapshot", "latest").get("text"))
        .isEqualTo(JsonValue.of("session one"));
    cli.ok("profile", "patch", "{\"name\":\"Ada\"}");
    assertThat(cli.ok("profile", "show")).contains("Ada");
    cli.ok("goal", "add", "g");
    assertThat(cli.ok("goal", "list", "--active")).contains("g");
    assertThat(cli.ok("audit", "--target", "state:k")).contains("state.set", "state.patch");
    String export = cli.ok("export");
    assertThat(export).contains("memkit-export", "\"namespace\": \"families\"");

    String id =
        cli.run("--json", "memory", "add", "Chose SQLite for storage", "--tag", "db")
            .get("id")
            .toString();
    assertThat(cli.ok("memory", "get", id)).contains("Chose SQLite for storage");
    cli.ok(
        "memory",
        "update",
        id,
        "--text",
        "Chose SQLite, with FTS5",
        "--tag",
        "db",
        "--tag",
        "search");
    assertThat(cli.ok("memory", "search", "what about FTS5?")).contains("Chose SQLite, with FTS5");
    assertThat(cli.ok("memory", "list", "--tag", "search")).contains("Chose SQLite, with FTS5");
    cli.ok("memory", "delete", id);
    assertThat(cli.run("memory", "get", id).code()).isEqualTo(1);

    String goal =
        cli.run("--json", "goal", "add", "Ship it", "--due", "2026-12-01").get("id").toString();
    cli.ok("goal", "update", goal, "--clear-due", "--title", "Ship it soon");
    cli.ok("goal", "progress", goal, "--status", "done", "--note", "shipped");
    assertThat(cli.ok("goal", "show", goal)).contains("Ship it soon", "done", "shipped");
    assertThat(cli.ok("goal", "list", "--status", "done")).contains("Ship it soon");
    cli.ok("goal", "delete", goal);
    assertThat(cli.run("goal", "show", goal).code()).isEqualTo(1);

    cli.ok("working", "patch", "{\"task\":\"tests\"}");
    assertThat(cli.ok("working", "show")).contains("tests");
    assertThat(cli.ok("snapshot", "list")).contains("session one");
    assertThat(cli.ok("context", "--max-tokens", "200", "--query", "session")).contains("# State:");

    String backup =
        ((JsonValue.JsonString) cli.run("--json", "backup", "create").get("id")).value();
    assertThat(cli.ok("backup", "list")).contains(backup);

    Cli other = cli().env("MEMKIT_NAMESPACE", "families");
    other.ok("state", "set", "only-before-import", "1");
    Cli.Result imported = other.input(export, "--json", "import", "-", "--replace");
    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(other.run("state", "get", "only-before-import").code()).isEqualTo(1);
    assertThat(other.run("--json", "state", "get", "k").get("value"))
        .isEqualTo(JsonValue.objectBuilder().put("a", 1).put("b", 2).build());
  }

  @Test
  void importFromAnotherToolReachesTheServerAndAddsNothingTheSecondTime() {
    Cli cli = cli().env("MEMKIT_NAMESPACE", "imported");
    String file =
        "{\"type\":\"entity\",\"name\":\"Acme Corp\",\"entityType\":\"organization\",\"observations\":[\"Ships on Fridays\"]}\n"
            + "{\"type\":\"relation\",\"from\":\"Ada\",\"to\":\"Acme Corp\",\"relationType\":\"works_at\"}\n";

    assertThat(cli.input(file, "import", "--from", "mcp-memory", "-").out())
        .contains("2 added, 0 already present");
    assertThat(cli.input(file, "import", "--from", "mcp-memory", "-").out())
        .contains("0 added, 2 already present");
    assertThat(cli.ok("memory", "search", "When does Acme ship?"))
        .contains("Acme Corp (organization)");
    assertThat(cli.input("{\"text\":\"\"}\n", "import", "--from", "jsonl", "-").code())
        .isEqualTo(3);
  }

  @Test
  void errorsMapToExitCodes() {
    assertThat(cli().run("state", "get", "never-set").code()).isEqualTo(1);
    assertThat(cli().run("memory", "get", "999999").code()).isEqualTo(1);
    Cli.Result wrongKey = cli().run("--api-key", "wrong", "state", "list");
    assertThat(wrongKey.code()).isEqualTo(6);
    assertThat(wrongKey.err()).startsWith("memkit: not authorised").hasLineCount(1);
    List<String> bad = List.of("state", "patch", "profile", "[1]");
    assertThat(cli().run(bad.toArray(String[]::new)).code()).isEqualTo(3);
  }
}
