package dev.memkit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.StateKey;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent tools and conversations against a real SQLite file. */
class AgentToolsTest {
  @TempDir Path dir;

  private Memkit open() {
    return Memkit.open("sqlite:" + dir.resolve("agent.db"));
  }

  @Test
  void setStateReadsJsonAndKeepsAnythingElseAsText() {
    try (Memkit memkit = open()) {
      AgentTools tools = AgentTools.of(memkit.space());
      tools.setState("count", "42");
      tools.setState("plan", "{\"step\":2}");
      tools.setState("phase", "testing now");

      assertThat(memkit.space().state().get(StateKey.of("count")).orElseThrow().value())
          .isEqualTo(JsonValue.of(42));
      assertThat(tools.getState("plan")).isEqualTo("{\"step\":2}");
      assertThat(tools.getState("phase")).isEqualTo("\"testing now\"");
      assertThat(tools.getState("missing")).isEqualTo("State 'missing' is not set.");
      assertThatThrownBy(() -> tools.setState("bad key", "1"))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("key must match");
    }
  }

  @Test
  void rememberSearchAndGoalsSpeakPlainText() {
    try (Memkit memkit = open()) {
      AgentTools tools = AgentTools.of(memkit.space("agent"));
      assertThat(tools.remember("Deployed v1.2 on Friday", List.of("deploy"), "event"))
          .isEqualTo("Remembered as memory 1.");
      assertThat(tools.remember("Lunch was pasta", null, null))
          .isEqualTo("Remembered as memory 2.");

      assertThat(tools.searchMemories("When did we deploy?", null))
          .isEqualTo("(1) Deployed v1.2 on Friday [deploy]");
      assertThat(tools.searchMemories("kangaroo", 3)).isEqualTo("No memory matches 'kangaroo'.");
      assertThatThrownBy(() -> tools.searchMemories("deploy", 101))
          .isInstanceOf(ValidationException.class);
      assertThat(tools.listGoals()).isEqualTo("No active goals.");
      assertThat(tools.addGoal("Launch MVP")).isEqualTo("Added goal 1: Launch MVP [new].");
      assertThat(tools.goalProgress(1, "in-progress", null))
          .isEqualTo("Goal 1 (Launch MVP) is in_progress.");
      assertThat(tools.listGoals()).isEqualTo("[in_progress] (1) Launch MVP");
      assertThatThrownBy(() -> tools.goalProgress(1, " ", " "))
          .isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> tools.goalProgress(9, "done", null))
          .isInstanceOf(NotFoundException.class);
      assertThat(tools.loadContext("deploy", 100))
          .startsWith("# Goals:\n- [in_progress] (1) Launch MVP")
          .contains("Deployed v1.2 on Friday");
      assertThat(AgentTools.of(memkit.space("empty")).loadContext(null, null))
          .isEqualTo("Memory is empty.");
    }
  }

  @Test
  void conversationsAreStateThatSurvivesAReopen() {
    try (Memkit memkit = open()) {
      Conversations conversations = Conversations.of(memkit.space());
      conversations.saveJson("c1", "[{\"type\":\"USER\",\"text\":\"hi\"}]");
      conversations.saveJson("a chat / with spaces", "[{\"type\":\"USER\",\"text\":\"yo\"}]");
      assertThatThrownBy(() -> conversations.saveJson("c2", "{\"not\":\"an array\"}"))
          .isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> conversations.saveJson(" ", "[]"))
          .isInstanceOf(ValidationException.class);
    }
    try (Memkit memkit = open()) {
      Conversations conversations = Conversations.of(memkit.space());
      assertThat(conversations.ids()).containsExactly("c1", "a chat / with spaces");
      assertThat(conversations.loadJson("c1")).isEqualTo("[{\"type\":\"USER\",\"text\":\"hi\"}]");
      assertThat(conversations.loadJson("unknown")).isEqualTo("[]");
      conversations.save("c1", List.of());
      conversations.delete("never existed");
      assertThat(conversations.ids()).containsExactly("a chat / with spaces");
    }
  }

  @Test
  void everyToolNameIsAnAgentToolsMethodThatTheBaseOfTheFrameworkToolsReaches() {
    List<String> methods =
        java.util.Arrays.stream(AgentTools.class.getDeclaredMethods())
            .filter(
                m ->
                    java.lang.reflect.Modifier.isPublic(m.getModifiers())
                        && m.getReturnType() == String.class)
            .map(java.lang.reflect.Method::getName)
            .toList();

    assertThat(ToolText.NAMES).hasSize(8).doesNotHaveDuplicates();
    assertThat(ToolText.NAMES.stream().map(AgentToolsTest::camelCase).toList())
        .containsExactlyInAnyOrderElementsOf(methods);
    try (Memkit memkit = open()) {
      class Framework extends AgentToolMethods {
        Framework(Space space) {
          super(space);
        }

        String remember(String text) {
          return tools().remember(text, null, null);
        }
      }
      Framework tools = new Framework(memkit.space("agent"));

      assertThat(tools.remember("The launch is on Friday")).isEqualTo("Remembered as memory 1.");
      assertThat(tools.space().namespace()).isEqualTo(memkit.space("agent").namespace());
    }
  }

  private static String camelCase(String toolName) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : toolName.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }
}
