package dev.memkit.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What every transport must do, checked with the MCP SDK's own client: the tests of the command
 * line ({@code memkit mcp} as a child process) and of the HTTP service ({@code /mcp}) run these
 * against their real process, connected their own way.
 */
public final class McpScenario {
  private final McpSyncClient client;
  private final Set<String> called = new HashSet<>();
  private final Map<String, Map<String, Object>> outputSchemas =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The checks, through {@code client} (initialized). */
  public McpScenario(McpSyncClient client) {
    this.client = client;
  }

  /** Lists the tools: each has a valid name, a description, an output schema and annotations. */
  public List<McpSchema.Tool> listTools() {
    List<McpSchema.Tool> tools = client.listTools().tools();
    assertThat(tools).isNotEmpty();
    tools.forEach(t -> outputSchemas.put(t.name(), t.outputSchema()));
    for (McpSchema.Tool tool : tools) {
      assertThat(tool.name()).matches("[a-z0-9_]+");
      assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(40);
      assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object");
      assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object");
      assertThat(tool.annotations()).as(tool.name()).isNotNull();
      assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isNotNull();
      assertThat(tool.annotations().destructiveHint()).as(tool.name()).isNotNull();
      assertThat(tool.annotations().idempotentHint()).as(tool.name()).isNotNull();
    }
    return tools;
  }

  /**
   * Everything a client sees, for a server serving {@code tools} tools: lists them, calls every
   * one, reads every resource, gets every prompt.
   */
  public void coverEverything(int tools) {
    assertThat(listTools()).hasSize(tools);
    callEveryTool();
    readEveryResource();
    getEveryPrompt();
  }

  /**
   * Calls {@code tool}, expecting success; returns the structured content, checked against the
   * text.
   */
  public Map<String, Object> ok(String tool, Map<String, Object> arguments) {
    CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
    String text = text(result);
    assertThat(result.isError()).as(tool + " -> " + text).isFalse();
    assertThat(result.structuredContent()).as(tool).isInstanceOf(Map.class);
    assertThat(parse(text))
        .as("the text of " + tool + " is its structured content as JSON")
        .isEqualTo(result.structuredContent());
    if (outputSchemas.isEmpty()) {
      client.listTools().tools().forEach(t -> outputSchemas.put(t.name(), t.outputSchema()));
    }
    var valid =
        McpJsonDefaults.getSchemaValidator()
            .validate(outputSchemas.get(tool), result.structuredContent());
    assertThat(valid.valid())
        .as(tool + " result conforms to its output schema: " + valid.errorMessage())
        .isTrue();
    called.add(tool);
    @SuppressWarnings("unchecked")
    Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
    return structured;
  }

  /** Calls {@code tool}, expecting an error result; returns its text. */
  public String refused(String tool, Map<String, Object> arguments) {
    CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
    assertThat(result.isError()).as(tool + " " + arguments + " must be refused").isTrue();
    called.add(tool);
    return text(result);
  }

  /**
   * Calls every tool of the {@code all} selection with good arguments and checks what each returns:
   * memories (idempotent add, search, recent, get, update, delete), state (set with version, merge,
   * list, delete), profile and working memory, goals, snapshots, context, search and fetch.
   */
  public void callEveryTool() {
    Map<String, Object> added =
        ok(
            "memory_add",
            Map.of(
                "text",
                "Deployed v1.2 to staging",
                "tags",
                List.of("deploy"),
                "kind",
                "event",
                "key",
                "deploy-1"));
    assertThat(added).containsEntry("created", true);
    Number id = (Number) memory(added).get("id");
    Map<String, Object> again =
        ok("memory_add", Map.of("text", "Deployed v1.2 to staging", "key", "deploy-1"));
    assertThat(again).containsEntry("created", false);
    assertThat(memory(again).get("id")).isEqualTo(id);

    assertThat(
            ids(
                ok(
                    "memory_search",
                    Map.of("query", "staging deployment", "tags", List.of("deploy")))))
        .contains(id.longValue());
    assertThat(ids(ok("memory_search", Map.of("query", "staging deployment", "mode", "keyword"))))
        .contains(id.longValue());
    assertThat(ids(ok("memory_recent", Map.of("limit", 5)))).contains(id.longValue());
    assertThat(ok("memory_get", Map.of("id", id)))
        .containsEntry("text", "Deployed v1.2 to staging");
    assertThat(ok("memory_update", Map.of("id", id, "text", "Deployed v1.2 to production")))
        .containsEntry("text", "Deployed v1.2 to production");

    List<?> results = (List<?>) ok("search", Map.of("query", "production")).get("results");
    assertThat(results).hasSize(1);
    assertThat(((Map<?, ?>) results.get(0)).get("id")).isEqualTo(id.toString());
    assertThat(ok("fetch", Map.of("id", id.toString())))
        .containsEntry("text", "Deployed v1.2 to production");

    assertThat(ok("state_set", Map.of("key", "current_phase", "value", "building")))
        .containsEntry("version", 1);
    assertThat(
            ok(
                "state_set",
                Map.of("key", "current_phase", "value", "testing", "expected_version", 1)))
        .containsEntry("version", 2);
    assertThat(ok("state_get", Map.of("key", "current_phase"))).containsEntry("value", "testing");
    assertThat(ok("state_merge", Map.of("key", "settings", "patch", Map.of("theme", "dark"))))
        .containsEntry("value", Map.of("theme", "dark"));
    assertThat((List<?>) ok("state_list", Map.of("prefix", "setti")).get("items")).hasSize(1);
    assertThat(ok("state_delete", Map.of("key", "settings"))).containsEntry("deleted", true);

    ok("profile_patch", Map.of("patch", Map.of("name", "Ada")));
    assertThat(ok("profile_get", Map.of())).containsEntry("value", Map.of("name", "Ada"));
    ok("working_memory_patch", Map.of("patch", Map.of("task", "ship the release")));
    assertThat(ok("working_memory_get", Map.of()))
        .containsEntry("value", Map.of("task", "ship the release"));

    Number goal = (Number) ok("goal_add", Map.of("title", "Launch MVP")).get("id");
    assertThat(
            ok(
                "goal_progress",
                Map.of("id", goal, "status", "in_progress", "note", "Wired authentication")))
        .containsEntry("status", "in_progress");
    assertThat(
            ok(
                "goal_update",
                Map.of("id", goal, "title", "Launch the MVP", "due_at", "2026-12-31")))
        .containsEntry("title", "Launch the MVP");
    assertThat(ids(ok("goal_list", Map.of()))).contains(goal.longValue());
    assertThat(ids(ok("goal_list", Map.of("status", List.of("done")))))
        .doesNotContain(goal.longValue());

    Number snapshot =
        (Number)
            ok(
                    "snapshot_save",
                    Map.of(
                        "summary", "Shipped v1.2; next: the changelog", "data", Map.of("open", 1)))
                .get("id");
    assertThat(ok("snapshot_latest", Map.of())).containsEntry("id", snapshot);

    String block =
        (String)
            ok("context_get", Map.of("max_tokens", 400, "query", "production")).get("prompt_block");
    assertThat(block)
        .contains("current_phase")
        .contains("Launch the MVP")
        .contains("Deployed v1.2 to production");

    assertThat(ok("memory_delete", Map.of("id", id))).containsEntry("deleted", true);
    assertThat(refused("memory_get", Map.of("id", id))).contains("not found");

    Set<String> listed = new HashSet<>();
    client.listTools().tools().forEach(t -> listed.add(t.name()));
    assertThat(called).as("every listed tool was called").containsAll(listed);
  }

  /** Reads every resource and the memory template; returns nothing but fails on a wrong one. */
  public void readEveryResource() {
    Number id =
        (Number) memory(ok("memory_add", Map.of("text", "Ada prefers short answers"))).get("id");
    List<String> uris =
        client.listResources().resources().stream().map(McpSchema.Resource::uri).toList();
    assertThat(uris)
        .containsExactlyInAnyOrder(
            "memkit://context",
            "memkit://profile",
            "memkit://working-memory",
            "memkit://goals/active");
    for (String uri : uris) {
      McpSchema.ReadResourceResult read =
          client.readResource(new McpSchema.ReadResourceRequest(uri));
      assertThat(read.contents()).hasSize(1);
      assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).text())
          .as(uri)
          .isNotBlank();
    }
    String context =
        ((McpSchema.TextResourceContents)
                client
                    .readResource(new McpSchema.ReadResourceRequest("memkit://context"))
                    .contents()
                    .get(0))
            .text();
    assertThat(context).contains("Ada prefers short answers");
    assertThat(client.listResourceTemplates().resourceTemplates())
        .extracting(McpSchema.ResourceTemplate::uriTemplate)
        .containsExactly("memkit://memories/{id}");
    String memory =
        ((McpSchema.TextResourceContents)
                client
                    .readResource(new McpSchema.ReadResourceRequest("memkit://memories/" + id))
                    .contents()
                    .get(0))
            .text();
    assertThat(parse(memory)).containsEntry("text", "Ada prefers short answers");
    assertThatThrownBy(
            () ->
                client.readResource(new McpSchema.ReadResourceRequest("memkit://memories/999999")))
        .isInstanceOf(McpError.class);
  }

  /** Gets both prompts: the start of a session carries the context, the end asks for a snapshot. */
  public void getEveryPrompt() {
    ok("memory_add", Map.of("text", "The release train leaves on Fridays"));
    assertThat(client.listPrompts().prompts())
        .extracting(McpSchema.Prompt::name)
        .containsExactlyInAnyOrder("start_session", "end_session");
    McpSchema.GetPromptResult start =
        client.getPrompt(
            new McpSchema.GetPromptRequest("start_session", Map.of("topic", "release train")));
    assertThat(((McpSchema.TextContent) start.messages().get(0).content()).text())
        .contains("The release train leaves on Fridays");
    McpSchema.GetPromptResult end =
        client.getPrompt(new McpSchema.GetPromptRequest("end_session", Map.of()));
    assertThat(((McpSchema.TextContent) end.messages().get(0).content()).text())
        .contains("snapshot_save");
  }

  /**
   * Bad arguments are error results naming the argument and the rule, and change nothing; an
   * unknown tool is a JSON-RPC error.
   */
  public void badArgumentsChangeNothing() {
    ok("state_set", Map.of("key", "guarded", "value", 1));
    int memories = ids(ok("memory_recent", Map.of("limit", 100))).size();
    List<?> state = (List<?>) ok("state_list", Map.of()).get("items");

    assertThat(refused("memory_add", Map.of("text", "  "))).contains("text must not be blank");
    assertThat(refused("memory_add", Map.of("text", "x", "tags", List.of("no spaces allowed"))))
        .contains("tags[0]");
    assertThat(refused("memory_add", Map.of("txt", "typo")))
        .contains("txt is not an argument of memory_add");
    assertThat(refused("memory_add", Map.of("text", "x".repeat(40_000))))
        .contains("at most 32768 characters");
    assertThat(refused("memory_search", Map.of("query", ""))).contains("query must not be empty");
    assertThat(refused("memory_search", Map.of("query", "deploy", "mode", "fuzzy")))
        .contains("mode");
    assertThat(refused("state_set", Map.of("key", "bad key!", "value", 1)))
        .contains("key must match");
    assertThat(refused("state_set", Map.of("key", "guarded", "value", 2, "expected_version", 7)))
        .contains("expected version 7");
    assertThat(refused("goal_progress", Map.of("id", 1, "status", "finished"))).contains("status");
    assertThat(refused("context_get", Map.of("max_tokens", 0)))
        .contains("max_tokens must be between 1 and 128000");
    assertThatThrownBy(() -> client.callTool(new CallToolRequest("no_such_tool", Map.of())))
        .isInstanceOf(McpError.class);

    assertThat(ids(ok("memory_recent", Map.of("limit", 100)))).hasSize(memories);
    assertThat((List<?>) ok("state_list", Map.of()).get("items")).isEqualTo(state);
  }

  /**
   * Sends {@code count} {@code memory_add} calls at once (16 in flight) and checks each succeeded;
   * returns their ids, all distinct.
   */
  public Set<Long> parallelAdds(int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<CallToolResult>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("text", "parallel memory number " + i);
        args.put("tags", List.of("parallel"));
        futures.add(pool.submit(() -> client.callTool(new CallToolRequest("memory_add", args))));
      }
      Set<Long> ids = new HashSet<>();
      for (Future<CallToolResult> f : futures) {
        CallToolResult r = f.get(120, TimeUnit.SECONDS);
        assertThat(r.isError()).as(text(r)).isFalse();
        ids.add(((Number) memory(cast(r.structuredContent())).get("id")).longValue());
      }
      assertThat(ids).hasSize(count);
      return ids;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The ids of the memories with {@code tag}, every page of them. */
  public Set<Long> idsTagged(String tag) {
    Set<Long> ids = new HashSet<>();
    Object cursor = null;
    do {
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("limit", 100);
      args.put("tags", List.of(tag));
      if (cursor != null) {
        args.put("cursor", cursor);
      }
      Map<String, Object> page = ok("memory_recent", args);
      ids.addAll(ids(page));
      cursor = page.get("next_cursor");
    } while (cursor != null);
    return ids;
  }

  private static Map<String, Object> memory(Map<String, Object> added) {
    return cast(added.get("memory"));
  }

  private static List<Long> ids(Map<String, Object> items) {
    List<Long> ids = new ArrayList<>();
    for (Object item : (List<?>) items.get("items")) {
      ids.add(((Number) ((Map<?, ?>) item).get("id")).longValue());
    }
    return ids;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private static Map<String, Object> parse(String json) {
    try {
      return McpJsonDefaults.getMapper().readValue(json, new TypeRef<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
