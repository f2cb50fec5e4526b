package dev.memkit.springai;

import static dev.memkit.agent.ToolText.*;

import dev.memkit.agent.AgentToolMethods;
import dev.memkit.agent.AgentTools;
import dev.memkit.core.Space;
import java.util.List;
import java.util.Optional;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;

/**
 * memkit's memory as Spring AI tools: {@code remember}, {@code search_memories}, {@code get_state},
 * {@code set_state}, {@code add_goal}, {@code list_goals}, {@code goal_progress} and {@code
 * load_context}. Give them to a chat client in one line, {@code
 * chatClient.prompt().toolCallbacks(MemkitSpringAiTools.of(space).callbacks())}, or take the {@code
 * memkitToolCallbacks} bean of the auto-configuration.
 *
 * <p>This class only maps the tools of {@link dev.memkit.agent.ToolText#NAMES} to Spring AI's
 * annotations; each delegates to {@link AgentTools}; input the core refuses throws an exception
 * whose message names the field and the rule, which Spring AI hands back to the model.
 */
public final class MemkitSpringAiTools extends AgentToolMethods {
  private MemkitSpringAiTools(Space space) {
    super(space);
  }

  /** The tools of {@code space}'s namespace. */
  public static MemkitSpringAiTools of(Space space) {
    return new MemkitSpringAiTools(space);
  }

  /** These tools as Spring AI tool callbacks. */
  public ToolCallbackProvider callbacks() {
    return MethodToolCallbackProvider.builder().toolObjects(this).build();
  }

  /** The callback of the tool named {@code name}, if there is one. */
  public Optional<ToolCallback> callback(String name) {
    for (ToolCallback callback : callbacks().getToolCallbacks()) {
      if (callback.getToolDefinition().name().equals(name)) {
        return Optional.of(callback);
      }
    }
    return Optional.empty();
  }

  /** See {@link AgentTools#remember}. */
  @Tool(name = REMEMBER, description = REMEMBER_DOES, resultConverter = PlainTextResult.class)
  public String remember(
      @ToolParam(description = REMEMBER_TEXT) String text,
      @ToolParam(description = REMEMBER_TAGS, required = false) List<String> tags,
      @ToolParam(description = REMEMBER_KIND, required = false) String kind) {
    return tools().remember(text, tags, kind);
  }

  /** See {@link AgentTools#searchMemories}. */
  @Tool(name = SEARCH, description = SEARCH_DOES, resultConverter = PlainTextResult.class)
  public String searchMemories(
      @ToolParam(description = SEARCH_QUERY) String query,
      @ToolParam(description = SEARCH_LIMIT, required = false) Integer limit) {
    return tools().searchMemories(query, limit);
  }

  /** See {@link AgentTools#getState}. */
  @Tool(name = GET_STATE, description = GET_STATE_DOES, resultConverter = PlainTextResult.class)
  public String getState(@ToolParam(description = GET_STATE_KEY) String key) {
    return tools().getState(key);
  }

  /** See {@link AgentTools#setState}. */
  @Tool(name = SET_STATE, description = SET_STATE_DOES, resultConverter = PlainTextResult.class)
  public String setState(
      @ToolParam(description = SET_STATE_KEY) String key,
      @ToolParam(description = SET_STATE_VALUE) String value) {
    return tools().setState(key, value);
  }

  /** See {@link AgentTools#addGoal}. */
  @Tool(name = ADD_GOAL, description = ADD_GOAL_DOES, resultConverter = PlainTextResult.class)
  public String addGoal(@ToolParam(description = ADD_GOAL_TITLE) String title) {
    return tools().addGoal(title);
  }

  /** See {@link AgentTools#listGoals}. */
  @Tool(name = LIST_GOALS, description = LIST_GOALS_DOES, resultConverter = PlainTextResult.class)
  public String listGoals() {
    return tools().listGoals();
  }

  /** See {@link AgentTools#goalProgress}. */
  @Tool(
      name = GOAL_PROGRESS,
      description = GOAL_PROGRESS_DOES,
      resultConverter = PlainTextResult.class)
  public String goalProgress(
      @ToolParam(description = GOAL_PROGRESS_ID) long goalId,
      @ToolParam(description = GOAL_PROGRESS_STATUS, required = false) String status,
      @ToolParam(description = GOAL_PROGRESS_NOTE, required = false) String note) {
    return tools().goalProgress(goalId, status, note);
  }

  /** See {@link AgentTools#loadContext}. */
  @Tool(
      name = LOAD_CONTEXT,
      description = LOAD_CONTEXT_DOES,
      resultConverter = PlainTextResult.class)
  public String loadContext(
      @ToolParam(description = LOAD_CONTEXT_QUERY, required = false) String query,
      @ToolParam(description = LOAD_CONTEXT_TOKENS, required = false) Integer maxTokens) {
    return tools().loadContext(query, maxTokens);
  }
}
