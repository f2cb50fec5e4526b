package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.json.JsonValue;
import dev.memkit.jackson.JsonText;
import dev.memkit.mcp.McpScenario;
import dev.memkit.mcp.MemkitMcp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /mcp} end to end: the real server on a random port, driven by the MCP SDK's own client
 * over Streamable HTTP, with the keys, roles and namespaces of {@code /v1}.
 */
class McpHttpTest {
  private static final String ADMIN = "mcp-admin-key-1";
  private static final String WRITER = "mcp-writer-key-2";
  private static final String READER = "mcp-reader-key-3";

  @TempDir static Path dir;
  static TestServer http;
  static final List<McpSyncClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path keys =
        AuthTest.keysFile(
            dir,
            AuthTest.key("ops", ADMIN, "admin", "*"),
            AuthTest.key("bot", WRITER, "write", "team-a"),
            AuthTest.key("viewer", READER, "read", "team-a"));
    http =
        TestServer.start(
            Map.of(
                "MEMKIT_STORE",
                TestServer.storeUri(dir, "sqlite"),
                "MEMKIT_KEYS_FILE",
                keys.toString(),
                "MEMKIT_MCP_TOOLS",
                "all"),
            ADMIN);
  }

  @AfterAll
  static void stop() {
    clients.forEach(McpSyncClient::closeGracefully);
    http.close();
  }

  /** An initialized client with {@code key}, on {@code path} (e.g. {@code /mcp?namespace=x}). */
  private static McpSyncClient client(String key, String path) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(http.server.url().toString())
            .endpoint(path)
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
            .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    clients.add(client);
    client.initialize();
    return client;
  }

  @Test
  void anAdminKeyCallsEveryToolReadsEveryResourceAndGetsEveryPrompt() {
    McpSyncClient client = client(ADMIN, "/mcp?namespace=every-tool");
    assertThat(client.getCurrentInitializationResult().protocolVersion())
        .isIn(MemkitMcp.PROTOCOL_VERSIONS);
    new McpScenario(client).coverEverything(24);
  }

  @Test
  void badArgumentsAreErrorResultsAndChangeNothing() {
    new McpScenario(client(ADMIN, "/mcp?namespace=bad-arguments")).badArgumentsChangeNothing();
  }

  @Test
  void aHundredParallelAddsGiveAHundredMemoriesAndAuditEntriesNamingTheKey() throws Exception {
    McpScenario scenario = new McpScenario(client(WRITER, "/mcp"));
    Set<Long> ids = scenario.parallelAdds(100);
    assertThat(scenario.idsTagged("parallel")).isEqualTo(ids);
    TestServer.Reply audit = http.get("/v1/audit?namespace=team-a&target=memory&limit=1000");
    assertThat(audit.status()).isEqualTo(200);
    long adds =
        ((JsonValue.JsonArray)
                ((JsonValue.JsonObject) JsonText.parse(audit.body(), "audit"))
                    .members()
                    .get("items"))
            .values().stream()
                .map(v -> (JsonValue.JsonObject) v)
                .filter(
                    e ->
                        e.string("action").orElse("").equals("memory.add")
                            && e.string("actor").orElse("").equals("key:bot"))
                .count();
    assertThat(adds).isEqualTo(100);
  }

  @Test
  void aNamespaceBoundKeyWorksInItsNamespaceOnly() {
    McpSyncClient bot = client(WRITER, "/mcp");
    new McpScenario(bot).ok("state_set", Map.of("key", "bound", "value", "team-a"));
    TestServer.Reply state = http.get("/v1/state/bound?namespace=team-a");
    assertThat(state.status()).isEqualTo(200);
    TestServer.Reply elsewhere = http.as(WRITER).post("/mcp?namespace=other", initialize());
    assertThat(elsewhere.status()).isEqualTo(403);
    assertThat(elsewhere.body()).contains("may not use namespace 'other'");
  }

  @Test
  void aReadKeySeesOnlyReadOnlyToolsAndCannotWrite() {
    McpSyncClient viewer = client(READER, "/mcp");
    List<McpSchema.Tool> tools = new McpScenario(viewer).listTools();
    assertThat(tools).isNotEmpty().allMatch(t -> t.annotations().readOnlyHint());
    assertThat(tools)
        .extracting(McpSchema.Tool::name)
        .contains("memory_search", "context_get")
        .doesNotContain("memory_add");
    McpScenario scenario = new McpScenario(viewer);
    assertThat(scenario.refused("memory_add", Map.of("text", "sneaky"))).contains("may only read");
    assertThat(scenario.ok("memory_search", Map.of("query", "sneaky")).get("items"))
        .isEqualTo(List.of());
  }

  @Test
  void withoutAKeyOrWithAWrongOneItIs401WithAChallenge() {
    TestServer.Reply none = http.as(null).post("/mcp", initialize());
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
    TestServer.Reply wrong = http.as("not-a-key").post("/mcp", initialize());
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");
    assertThatThrownBy(() -> client("not-a-key", "/mcp")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void aPageOfAnotherOriginIsRefusedAndALocalOneIsNot() {
    TestServer.Reply foreign =
        http.send(
            "POST", "/mcp", initialize(), "application/json", "Origin", "http://evil.example");
    assertThat(foreign.status()).isEqualTo(403);
    TestServer.Reply local =
        http.send(
            "POST", "/mcp", initialize(), "application/json", "Origin", "http://localhost:6274");
    assertThat(local.status()).isEqualTo(200);
  }

  @Test
  void malformedMessagesGetJsonRpcErrorsAndNotificationsGet202() {
    TestServer.Reply notJson = http.post("/mcp", "{not json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body()).contains("\"code\":-32700").contains("\"id\":null");
    TestServer.Reply badVersion =
        http.post("/mcp", "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}");
    assertThat(badVersion.status()).isEqualTo(400);
    assertThat(badVersion.body()).contains("\"code\":-32600").contains("\"id\":7");
    TestServer.Reply unknown =
        http.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"no/such\"}");
    assertThat(unknown.status()).isEqualTo(200);
    assertThat(unknown.body()).contains("\"code\":-32601");
    assertThat(
            http.post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .status())
        .isEqualTo(202);
    assertThat(http.get("/mcp").status()).isEqualTo(405);
    TestServer.Reply unsupported =
        http.send(
            "POST", "/mcp", initialize(), "application/json", "MCP-Protocol-Version", "1999-01-01");
    assertThat(unsupported.status()).isEqualTo(400);
  }

  @Test
  void negotiatesTheRevisionsCurrentClientsSend() {
    for (String version : List.of("2025-06-18", "2025-11-25")) {
      TestServer.Reply r = http.post("/mcp", initialize().replace("2025-06-18", version));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).contains("\"protocolVersion\":\"" + version + "\"");
    }
    assertThat(http.post("/mcp", initialize().replace("2025-06-18", "2099-01-01")).body())
        .contains("\"protocolVersion\":\"2025-11-25\"");
  }

  @Test
  void aWrongToolSelectionStopsTheServerAtStartNamingTheVariable() {
    assertThatThrownBy(
            () ->
                TestServer.start(
                    Map.of(
                        "MEMKIT_STORE",
                        "mem:",
                        "MEMKIT_API_KEY",
                        ADMIN,
                        "MEMKIT_MCP_TOOLS",
                        "default,memory_ad"),
                    ADMIN))
        .hasStackTraceContaining("MEMKIT_MCP_TOOLS names 'memory_ad'");
  }

  private static String initialize() {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
  }
}
