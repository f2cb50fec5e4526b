package dev.memkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memkit.core.Memkit;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.TimeRange;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.mcp.McpScenario;
import dev.memkit.mcp.MemkitMcp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code memkit mcp} end to end: the shaded jar as a child process on a real SQLite file, driven by
 * the MCP SDK's own client over standard input and output — and relaying to the real server with
 * {@code --url}.
 */
class McpStdioIT {
  private static final Path JAR =
      Path.of(System.getProperty("memkit.cli.jar", "target/memkit-cli.jar")).toAbsolutePath();
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;

  private final List<McpSyncClient> clients = new ArrayList<>();

  /** An initialized client of {@code memkit mcp} started with {@code args} and {@code env}. */
  private McpSyncClient memkitMcp(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("-jar", JAR.toString(), "mcp"));
    all.addAll(List.of(args));
    ServerParameters.Builder params = ServerParameters.builder(JAVA).args(all);
    env.forEach(params::addEnvVar);
    McpSyncClient client =
        McpClient.sync(new StdioClientTransport(params.build(), McpJsonDefaults.getMapper()))
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .build();
    clients.add(client);
    client.initialize();
    return client;
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    clients.forEach(McpSyncClient::closeGracefully);
  }

  @Test
  void everyToolResourceAndPromptWorksOverStdio() {
    McpSyncClient client =
        memkitMcp(Map.of("MEMKIT_MCP_TOOLS", "all"), "--store", "sqlite:" + dir.resolve("all.db"));
    assertThat(client.getCurrentInitializationResult().protocolVersion())
        .isIn(MemkitMcp.PROTOCOL_VERSIONS);
    McpScenario scenario = new McpScenario(client);
    scenario.coverEverything(24);
    scenario.badArgumentsChangeNothing();
  }

  @Test
  void theDefaultSelectionIsFocusedAndTheToolsOptionChooses() {
    McpSyncClient standard = memkitMcp(Map.of(), "--store", "sqlite:" + dir.resolve("default.db"));
    assertThat(standard.listTools().tools())
        .extracting(t -> t.name())
        .containsExactly(
            "context_get",
            "memory_add",
            "memory_search",
            "memory_recent",
            "state_get",
            "state_set",
            "goal_add",
            "goal_list",
            "goal_progress",
            "snapshot_save");
    McpSyncClient chosen =
        memkitMcp(
            Map.of("MEMKIT_MCP_TOOLS", "all"),
            "--store",
            "sqlite:" + dir.resolve("default.db"),
            "--tools",
            "chatgpt,context_get");
    assertThat(chosen.listTools().tools())
        .extracting(t -> t.name())
        .containsExactly("context_get", "search", "fetch");
  }

  @Test
  void aHundredParallelAddsGiveAHundredMemoriesAndAuditEntriesByMcp() throws Exception {
    Path db = dir.resolve("parallel.db");
    McpSyncClient client = memkitMcp(Map.of(), "--store", "sqlite:" + db, "--namespace", "agent");
    McpScenario scenario = new McpScenario(client);
    Set<Long> ids = scenario.parallelAdds(100);
    assertThat(scenario.idsTagged("parallel")).isEqualTo(ids);
    client.closeGracefully();
    clients.remove(client);
    try (Memkit memkit = Memkit.open("sqlite:" + db)) {
      List<AuditEntry> audit =
          memkit
              .space("agent")
              .audit()
              .list(new ListAudit(Optional.of("memory"), TimeRange.ALL, OptionalLong.empty(), 1000))
              .items();
      assertThat(audit)
          .hasSize(100)
          .allMatch(e -> e.actor().value().equals("mcp") && e.action().equals("memory.add"));
    }
  }

  @Test
  void withUrlItRelaysToTheServersMcpEndpointWithItsKey() throws Exception {
    Path serverJar =
        Path.of(System.getProperty("memkit.repo.root", ".."))
            .resolve("memory-http/target/memkit-server.jar")
            .toAbsolutePath()
            .normalize();
    assumeTrue(Files.isRegularFile(serverJar), "the server jar is not built: " + serverJar);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    ProcessBuilder pb = new ProcessBuilder(JAVA, "-jar", serverJar.toString());
    pb.environment()
        .putAll(
            Map.of(
                "MEMKIT_PORT",
                Integer.toString(port),
                "MEMKIT_HOST",
                "127.0.0.1",
                "MEMKIT_API_KEY",
                "relay-key",
                "MEMKIT_STORE",
                "mem:relay"));
    pb.environment().remove("MEMKIT_KEYS_FILE");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
    Process server = pb.start();
    try {
      awaitHealth(url, server);
      McpSyncClient client = memkitMcp(Map.of(), "--url", url, "--api-key", "relay-key");
      McpScenario scenario = new McpScenario(client);
      assertThat(scenario.listTools()).hasSize(10);
      scenario.ok("memory_add", Map.of("text", "Relayed through the server"));
      assertThat(
              scenario.ok("context_get", Map.of("max_tokens", 200)).get("prompt_block").toString())
          .contains("Relayed through the server");
      assertThat(scenario.refused("memory_add", Map.of("text", "")))
          .contains("text must not be blank");
      assertThatThrownBy(() -> memkitMcp(Map.of(), "--url", url, "--api-key", "wrong-key"))
          .isInstanceOf(RuntimeException.class);
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private static void awaitHealth(String url, Process server) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(120);
    while (true) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (!server.isAlive() || Instant.now().isAfter(deadline)) {
        throw new AssertionError("the server did not start");
      }
      Thread.sleep(200);
    }
  }
}
