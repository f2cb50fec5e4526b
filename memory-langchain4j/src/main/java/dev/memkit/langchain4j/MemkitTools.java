package dev.memkit.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.memkit.agent.AgentTools;
import dev.memkit.core.Space;
import java.util.List;

/**
 * memkit's memory as LangChain4j tools, given to an agent in one line:
 * {@code AiServices.builder(Assistant.class).chatModel(model).tools(MemkitTools.of(space)).build()}.
 *
 * <p>The tools: {@code remember}, {@code search_memories}, {@code get_state}, {@code set_state},
 * {@code add_goal}, {@code list_goals}, {@code goal_progress} and {@code load_context}. Each
 * delegates to {@link AgentTools}; input the core refuses throws an exception whose message
 * names the field and the rule, which {@code AiServices} hands back to the model.
 */
public final class MemkitTools {
  private final AgentTools tools;

  private MemkitTools(AgentTools tools) {
    this.tools = tools;
  }

  /** The tools of {@code space}'s namespace. */
  public static MemkitTools of(Space space) {
    return new MemkitTools(AgentTools.of(space));
  }

  /** See {@link AgentTools#remember}. */
  @Tool(name = "remember", value = "Stores a memory (a fact, event or decision worth recalling later) and returns its id.")
  public String remember(
      @P("What to remember, as a self-contained sentence") String text,
      @P(value = "Short labels, e.g. deploy or v1.2", required = false) List<String> tags,
      @P(value = "note (default), fact, event or decision", required = false) String kind) {
    return tools.remember(text, tags, kind);
  }

  /** See {@link AgentTools#searchMemories}. */
  @Tool(name = "search_memories", value = "Searches stored memories with a natural-language query; returns the best matches, one per line, as (id) text [tags].")
  public String searchMemories(
      @P("What to look for, in plain words") String query,
      @P(value = "How many matches, 1 to 100 (default 5)", required = false) Integer limit) {
    return tools.searchMemories(query, limit);
  }

  /** See {@link AgentTools#getState}. */
  @Tool(name = "get_state", value = "Reads a named state value; returns its JSON, or says it is not set.")
  public String getState(@P("The state key, e.g. current_phase") String key) {
    return tools.getState(key);
  }

  /** See {@link AgentTools#setState}. */
  @Tool(name = "set_state", value = "Sets a named state value. The value is read as JSON when it is JSON, else stored as text.")
  public String setState(
      @P("The state key: letters, digits and _ . : -") String key,
      @P("The value, e.g. testing, 42 or {\"step\":2}") String value) {
    return tools.setState(key, value);
  }

  /** See {@link AgentTools#addGoal}. */
  @Tool(name = "add_goal", value = "Adds a goal to work towards; returns its id.")
  public String addGoal(@P("The goal, e.g. Launch MVP") String title) {
    return tools.addGoal(title);
  }

  /** See {@link AgentTools#listGoals}. */
  @Tool(name = "list_goals", value = "Lists the active goals as [status] (id) title.")
  public String listGoals() {
    return tools.listGoals();
  }

  /** See {@link AgentTools#goalProgress}. */
  @Tool(name = "goal_progress", value = "Records progress on a goal: a new status, a note, or both.")
  public String goalProgress(
      @P("The goal's id") long goalId,
      @P(value = "new, in_progress, blocked, done or abandoned", required = false) String status,
      @P(value = "What happened", required = false) String note) {
    return tools.goalProgress(goalId, status, note);
  }

  /** See {@link AgentTools#loadContext}. */
  @Tool(name = "load_context", value = "Loads the memory context: state, active goals, relevant and recent memories, within a token budget.")
  public String loadContext(
      @P(value = "A topic to add the most relevant memories for", required = false) String query,
      @P(value = "Token budget, 1 to 128000 (default 1500)", required = false) Integer maxTokens) {
    return tools.loadContext(query, maxTokens);
  }
}
