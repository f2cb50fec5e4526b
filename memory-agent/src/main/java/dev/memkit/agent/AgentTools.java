package dev.memkit.agent;

import dev.memkit.core.Space;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.ListGoals;
import dev.memkit.core.port.in.MemoryAdded;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.jackson.JsonText;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The memory tools an LLM agent calls, over one namespace's use cases, with plain-text results a
 * model reads well. Framework adapters annotate thin wrappers of these methods; the behaviour, the
 * defaults and the wording live here once.
 *
 * <p>Every argument is checked by the core: bad input throws a {@link
 * dev.memkit.core.error.MemoryException} whose message names the field and the rule, which the
 * frameworks hand back to the model as the tool's result. Optional arguments are {@code null} when
 * the model left them out.
 */
public final class AgentTools {
  /** Search hits returned when the model does not say how many. */
  public static final int DEFAULT_SEARCH_LIMIT = 5;

  /** Context budget used when the model does not give one. */
  public static final int DEFAULT_CONTEXT_TOKENS = 1500;

  private final Space space;

  private AgentTools(Space space) {
    this.space = Objects.requireNonNull(space, "space");
  }

  /** The tools of {@code space}'s namespace, writing as its actor. */
  public static AgentTools of(Space space) {
    return new AgentTools(space);
  }

  /** The namespace the tools act on. */
  public Space space() {
    return space;
  }

  /** Stores a memory with optional tags and kind; says its id, or that it was known already. */
  public String remember(String text, List<String> tags, String kind) {
    AddMemory command =
        AddMemory.of(text).withTags(tags == null ? List.of() : tags.stream().map(Tag::of).toList());
    if (kind != null && !kind.isBlank()) {
      command = command.withKind(Kind.of(kind.trim()));
    }
    MemoryAdded added = space.memories().add(command);
    return (added.created() ? "Remembered as memory " : "Already remembered as memory ")
        + added.memory().id().value()
        + ".";
  }

  /**
   * The best matches of a natural-language query, one per line, or a line saying there are none.
   */
  public String searchMemories(String query, Integer limit) {
    SearchMemories search =
        SearchMemories.of(query).withLimit(limit == null ? DEFAULT_SEARCH_LIMIT : limit);
    List<SearchHit> hits = space.memories().search(search);
    if (hits.isEmpty()) {
      return "No memory matches '" + query + "'.";
    }
    return hits.stream().map(h -> line(h.memory())).collect(Collectors.joining("\n"));
  }

  /** The value of a state entry as JSON text, or a sentence saying it is not set. */
  public String getState(String key) {
    Optional<StateEntry> entry = space.state().get(StateKey.of(key));
    return entry.map(e -> e.value().toJson()).orElse("State '" + key + "' is not set.");
  }

  /**
   * Sets a state entry. {@code value} is read as JSON when it is JSON text ({@code 42}, {@code
   * {"a":1}}, {@code "quoted"}) and stored as a string otherwise.
   */
  public String setState(String key, String value) {
    StateKey stateKey = StateKey.of(key);
    if (value == null) {
      throw new ValidationException("value", "is required");
    }
    StateEntry entry = space.state().set(stateKey, readValue(value));
    return "Set "
        + entry.key()
        + " to "
        + entry.value().toJson()
        + " (version "
        + entry.version()
        + ").";
  }

  /** Adds a goal; says its id. */
  public String addGoal(String title) {
    Goal goal = space.goals().add(AddGoal.of(title));
    return "Added goal "
        + goal.id().value()
        + ": "
        + goal.title()
        + " ["
        + goal.status().wireName()
        + "].";
  }

  /**
   * The active goals, one per line as {@code [status] (id) title}, or a line saying there are none.
   */
  public String listGoals() {
    List<Goal> goals = space.goals().list(ListGoals.ACTIVE);
    if (goals.isEmpty()) {
      return "No active goals.";
    }
    return goals.stream()
        .map(g -> "[" + g.status().wireName() + "] (" + g.id().value() + ") " + g.title())
        .collect(Collectors.joining("\n"));
  }

  /** Records progress on a goal: a new status, a note, or both; says where the goal stands now. */
  public String goalProgress(long goalId, String status, String note) {
    Optional<GoalStatus> newStatus =
        Optional.ofNullable(status)
            .filter(s -> !s.isBlank())
            .map(s -> GoalStatus.parse(s, "status"));
    Goal goal =
        space
            .goals()
            .progress(
                new RecordProgress(
                    GoalId.of(goalId),
                    newStatus,
                    Optional.ofNullable(note).filter(n -> !n.isBlank())));
    return "Goal "
        + goal.id().value()
        + " ("
        + goal.title()
        + ") is "
        + goal.status().wireName()
        + ".";
  }

  /**
   * The context block (state, goals, relevant and recent memory) within {@code maxTokens} ({@link
   * #DEFAULT_CONTEXT_TOKENS} when null), with a relevant-memory section when a query is given.
   */
  public String loadContext(String query, Integer maxTokens) {
    ContextRequest request =
        ContextRequest.maxTokens(maxTokens == null ? DEFAULT_CONTEXT_TOKENS : maxTokens)
            .withQuery(query);
    String block = space.context().export(request).text();
    return block.isEmpty() ? "Memory is empty." : block;
  }

  /** A memory as one line: {@code (id) text [tags]}. */
  static String line(Memory memory) {
    return "("
        + memory.id().value()
        + ") "
        + memory.text()
        + (memory.tags().isEmpty() ? "" : " [" + memory.tagsJoined() + "]");
  }

  private static JsonValue readValue(String value) {
    try {
      return JsonText.parse(value, "value");
    } catch (ValidationException notJson) {
      return JsonValue.of(value);
    }
  }
}
