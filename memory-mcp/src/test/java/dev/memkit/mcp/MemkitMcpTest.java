package dev.memkit.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.in.ListMemories;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which tools are served, how they are described, and how a call is refused. */
class MemkitMcpTest {
  @Test
  void theDefaultSelectionIsTheTenStandardTools() {
    assertThat(MemkitMcp.select(null).toolNames())
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
    assertThat(MemkitMcp.select("  ").toolNames())
        .isEqualTo(MemkitMcp.select("default").toolNames());
  }

  @Test
  void aSelectionAddsGroupsAndNamesAndLeavesOutMinusNames() {
    assertThat(MemkitMcp.select("all").toolNames()).hasSize(24);
    assertThat(MemkitMcp.select("chatgpt").toolNames()).containsExactly("search", "fetch");
    assertThat(
            MemkitMcp.select("default, -goal_add,-goal_list,-goal_progress, memory_delete")
                .toolNames())
        .contains("memory_delete")
        .doesNotContain("goal_add", "goal_list", "goal_progress")
        .hasSize(8);
  }

  @Test
  void anUnknownToolOrAnEmptySelectionIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> MemkitMcp.select("default,memory_ad"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("MEMKIT_MCP_TOOLS")
        .hasMessageContaining("memory_ad")
        .hasMessageContaining("memory_add");
    assertThatThrownBy(() -> MemkitMcp.select("default,-default"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at least one tool");
  }

  @Test
  void everyToolTakesOnlyItsArgumentsAndHasConsistentHints() {
    for (MemkitTool tool : MemkitTools.all()) {
      assertThat(tool.input().get("additionalProperties"))
          .as(tool.name())
          .contains(JsonValue.FALSE);
      assertThat(tool.output().get("type")).as(tool.name()).contains(JsonValue.of("object"));
      if (tool.hints().readOnly()) {
        assertThat(tool.hints().destructive()).as(tool.name()).isFalse();
      }
    }
    assertThat(MemkitTools.all()).extracting(MemkitTool::name).doesNotHaveDuplicates();
  }

  @Test
  void aReadOnlyCallerIsRefusedAWriteAndNothingIsWritten() {
    try (Memkit memkit = Memkit.open("mem:")) {
      MemkitMcp mcp = MemkitMcp.select("all");
      McpCaller reader =
          new McpCaller(memkit.space(Namespace.DEFAULT, Actor.MCP), false, "key 'viewer'");
      CallToolResult refused = mcp.call(MemkitTools.memoryAdd(), reader, Map.of("text", "nope"));
      assertThat(refused.isError()).isTrue();
      assertThat(((TextContent) refused.content().get(0)).text())
          .startsWith("key 'viewer' may only read");
      assertThat(memkit.space().memories().list(ListMemories.newest(10)).items()).isEmpty();
    }
  }

  @Test
  void badArgumentsNameTheArgumentAndTheRule() {
    try (Memkit memkit = Memkit.open("mem:")) {
      MemkitMcp mcp = MemkitMcp.select("all");
      McpCaller caller =
          new McpCaller(memkit.space(Namespace.DEFAULT, Actor.MCP), true, "memkit mcp");
      assertThat(
              text(
                  mcp.call(
                      MemkitTools.memoryAdd(),
                      caller,
                      Map.of("text", "x", "tags", List.of("a", 3)))))
          .contains("tags[1] must be a string");
      assertThat(text(mcp.call(MemkitTools.stateSet(), caller, Map.of("key", "k"))))
          .contains("value is required");
      assertThat(text(mcp.call(MemkitTools.goalList(), caller, Map.of("status", List.of("open")))))
          .contains("status[0]");
      assertThat(text(mcp.call(MemkitTools.fetch(), caller, Map.of("id", "abc")))).contains("id");
      assertThat(memkit.space().memories().list(ListMemories.newest(10)).items()).isEmpty();
    }
  }

  private static String text(CallToolResult result) {
    assertThat(result.isError()).isTrue();
    return ((TextContent) result.content().get(0)).text();
  }
}
