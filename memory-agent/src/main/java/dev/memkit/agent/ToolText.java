package dev.memkit.agent;

import java.util.List;

/**
 * The names and descriptions of the agent tools, as compile-time constants so every framework
 * adapter's annotations show a model the same words.
 */
public final class ToolText {
  /** Tool {@code remember}. */
  public static final String REMEMBER = "remember";

  /** What {@code remember} does. */
  public static final String REMEMBER_DOES =
      "Stores a memory (a fact, event or decision worth recalling later) and returns its id.";

  /** {@code remember}'s text. */
  public static final String REMEMBER_TEXT = "What to remember, as a self-contained sentence";

  /** {@code remember}'s tags. */
  public static final String REMEMBER_TAGS = "Short labels, e.g. deploy or v1.2";

  /** {@code remember}'s kind. */
  public static final String REMEMBER_KIND = "note (default), fact, event or decision";

  /** Tool {@code search_memories}. */
  public static final String SEARCH = "search_memories";

  /** What {@code search_memories} does. */
  public static final String SEARCH_DOES =
      "Searches stored memories with a natural-language query; returns the best matches, "
          + "one per line, as (id) text [tags].";

  /** {@code search_memories}' query. */
  public static final String SEARCH_QUERY = "What to look for, in plain words";

  /** {@code search_memories}' limit. */
  public static final String SEARCH_LIMIT = "How many matches, 1 to 100 (default 5)";

  /** Tool {@code get_state}. */
  public static final String GET_STATE = "get_state";

  /** What {@code get_state} does. */
  public static final String GET_STATE_DOES =
      "Reads a named state value; returns its JSON, or says it is not set.";

  /** {@code get_state}'s key. */
  public static final String GET_STATE_KEY = "The state key, e.g. current_phase";

  /** Tool {@code set_state}. */
  public static final String SET_STATE = "set_state";

  /** What {@code set_state} does. */
  public static final String SET_STATE_DOES =
      "Sets a named state value. The value is read as JSON when it is JSON, else stored as text.";

  /** {@code set_state}'s key. */
  public static final String SET_STATE_KEY = "The state key: letters, digits and _ . : -";

  /** {@code set_state}'s value. */
  public static final String SET_STATE_VALUE = "The value, e.g. testing, 42 or {\"step\":2}";

  /** Tool {@code add_goal}. */
  public static final String ADD_GOAL = "add_goal";

  /** What {@code add_goal} does. */
  public static final String ADD_GOAL_DOES = "Adds a goal to work towards; returns its id.";

  /** {@code add_goal}'s title. */
  public static final String ADD_GOAL_TITLE = "The goal, e.g. Launch MVP";

  /** Tool {@code list_goals}. */
  public static final String LIST_GOALS = "list_goals";

  /** What {@code list_goals} does. */
  public static final String LIST_GOALS_DOES = "Lists the active goals as [status] (id) title.";

  /** Tool {@code goal_progress}. */
  public static final String GOAL_PROGRESS = "goal_progress";

  /** What {@code goal_progress} does. */
  public static final String GOAL_PROGRESS_DOES =
      "Records progress on a goal: a new status, a note, or both.";

  /** {@code goal_progress}' goal id. */
  public static final String GOAL_PROGRESS_ID = "The goal's id";

  /** {@code goal_progress}' status. */
  public static final String GOAL_PROGRESS_STATUS = "new, in_progress, blocked, done or abandoned";

  /** {@code goal_progress}' note. */
  public static final String GOAL_PROGRESS_NOTE = "What happened";

  /** Tool {@code load_context}. */
  public static final String LOAD_CONTEXT = "load_context";

  /** What {@code load_context} does. */
  public static final String LOAD_CONTEXT_DOES =
      "Loads the memory context: state, active goals, relevant and recent memories, "
          + "within a token budget.";

  /** {@code load_context}'s query. */
  public static final String LOAD_CONTEXT_QUERY = "A topic to add the most relevant memories for";

  /** {@code load_context}'s budget. */
  public static final String LOAD_CONTEXT_TOKENS = "Token budget, 1 to 128000 (default 1500)";

  /**
   * The names of all the tools, in the order above; every framework adapter offers exactly these.
   */
  public static final List<String> NAMES =
      List.of(
          REMEMBER,
          SEARCH,
          GET_STATE,
          SET_STATE,
          ADD_GOAL,
          LIST_GOALS,
          GOAL_PROGRESS,
          LOAD_CONTEXT);

  private ToolText() {}
}
