package dev.memkit.langchain4j;

import static dev.memkit.agent.ToolText.*;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.memkit.agent.AgentToolMethods;
import dev.memkit.agent.AgentTools;
import dev.memkit.core.Space;
import java.util.List;

/**
 * memkit's memory as LangChain4j tools, given to an agent in one line: {@code
 * AiServices.builder(Assistant.class).chatModel(model).tools(MemkitLangChain4jTools.of(space)).build()}.
 *
 * <p>The tools: {@code remember}, {@code search_memories}, {@code get_state}, {@code set_state},
 * {@code add_goal}, {@code list_goals}, {@code goal_progress} and {@code load_context} ({@link
 * dev.memkit.agent.ToolText#NAMES}). This class only maps them to LangChain4j's annotations; each
 * delegates to {@link AgentTools}; input the core refuses throws an exception whose message names
 * the field and the rule, which {@code AiServices} hands back to the model.
 */
public final class MemkitLangChain4jTools extends AgentToolMethods {
  private MemkitLangChain4jTools(Space space) {
    super(space);
  }

  /** The tools of {@code space}'s namespace. */
  public static MemkitLangChain4jTools of(Space space) {
    return new MemkitLangChain4jTools(space);
  }

  /** See {@link AgentTools#remember}. */
  @Tool(name = REMEMBER, value = REMEMBER_DOES)
  public String remember(
      @P(REMEMBER_TEXT) String text,
      @P(value = REMEMBER_TAGS, required = false) List<String> tags,
      @P(value = REMEMBER_KIND, required = false) String kind) {
    return tools().remember(text, tags, kind);
  }

  /** See {@link AgentTools#searchMemories}. */
  @Tool(name = SEARCH, value = SEARCH_DOES)
  public String searchMemories(
      @P(SEARCH_QUERY) String query, @P(value = SEARCH_LIMIT, required = false) Integer limit) {
    return tools().searchMemories(query, limit);
  }

  /** See {@link AgentTools#getState}. */
  @Tool(name = GET_STATE, value = GET_STATE_DOES)
  public String getState(@P(GET_STATE_KEY) String key) {
    return tools().getState(key);
  }

  /** See {@link AgentTools#setState}. */
  @Tool(name = SET_STATE, value = SET_STATE_DOES)
  public String setState(@P(SET_STATE_KEY) String key, @P(SET_STATE_VALUE) String value) {
    return tools().setState(key, value);
  }

  /** See {@link AgentTools#addGoal}. */
  @Tool(name = ADD_GOAL, value = ADD_GOAL_DOES)
  public String addGoal(@P(ADD_GOAL_TITLE) String title) {
    return tools().addGoal(title);
  }

  /** See {@link AgentTools#listGoals}. */
  @Tool(name = LIST_GOALS, value = LIST_GOALS_DOES)
  public String listGoals() {
    return tools().listGoals();
  }

  /** See {@link AgentTools#goalProgress}. */
  @Tool(name = GOAL_PROGRESS, value = GOAL_PROGRESS_DOES)
  public String goalProgress(
      @P(GOAL_PROGRESS_ID) long goalId,
      @P(value = GOAL_PROGRESS_STATUS, required = false) String status,
      @P(value = GOAL_PROGRESS_NOTE, required = false) String note) {
    return tools().goalProgress(goalId, status, note);
  }

  /** See {@link AgentTools#loadContext}. */
  @Tool(name = LOAD_CONTEXT, value = LOAD_CONTEXT_DOES)
  public String loadContext(
      @P(value = LOAD_CONTEXT_QUERY, required = false) String query,
      @P(value = LOAD_CONTEXT_TOKENS, required = false) Integer maxTokens) {
    return tools().loadContext(query, maxTokens);
  }
}
