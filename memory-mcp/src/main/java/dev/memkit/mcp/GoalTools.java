package dev.memkit.mcp;

import static dev.memkit.mcp.Schema.object;
import static dev.memkit.mcp.ToolParts.items;
import static dev.memkit.mcp.ToolParts.itemsOf;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.ListGoals;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.UpdateGoal;
import dev.memkit.mcp.MemkitTool.Hints;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The tools over goals: add, list, record progress and change one. */
final class GoalTools {
  private GoalTools() {}

  static MemkitTool goalAdd() {
    return new MemkitTool(
        "goal_add",
        "Add a goal",
        "Record a goal the user or agent is working towards (status `new`), optionally with a due time. Track it "
            + "later with goal_progress. Returns the goal with its id.",
        object()
            .required(
                "title",
                Schema.text(
                    "The goal, 1.." + Limits.GOAL_TITLE_MAX_CHARS + " characters",
                    Limits.GOAL_TITLE_MAX_CHARS))
            .optional("due_at", Schema.time("When it is due"))
            .closed(),
        Schema.GOAL,
        Hints.ADD,
        true,
        (space, args) ->
            RecordJson.goal(
                space.goals().add(new AddGoal(args.string("title"), args.time("due_at")))));
  }

  static MemkitTool goalList() {
    return new MemkitTool(
        "goal_list",
        "List goals",
        "List goals, oldest first, with their status and progress timeline: by default the active ones (not done "
            + "nor abandoned); pass `status` to choose.",
        object()
            .optional(
                "status",
                JsonValue.objectBuilder()
                    .put("type", "array")
                    .put(
                        "description",
                        "Only goals with one of these statuses (default: new, in_progress, blocked)")
                    .put("items", Schema.goalStatus("A status"))
                    .build())
            .closed(),
        items(Schema.GOAL),
        Hints.READ,
        true,
        (space, args) -> {
          Optional<List<String>> raw = args.strings("status");
          if (raw.isEmpty()) {
            return itemsOf(
                space.goals().list(ListGoals.ACTIVE).stream().map(RecordJson::goal).toList());
          }
          Set<GoalStatus> statuses = EnumSet.noneOf(GoalStatus.class);
          for (int i = 0; i < raw.get().size(); i++) {
            statuses.add(GoalStatus.parse(raw.get().get(i), "status[" + i + "]"));
          }
          return itemsOf(
              space.goals().list(ListGoals.withStatus(statuses)).stream()
                  .map(RecordJson::goal)
                  .toList());
        });
  }

  static MemkitTool goalProgress() {
    return new MemkitTool(
        "goal_progress",
        "Record goal progress",
        "Record progress on a goal by id: a new `status` (new, in_progress, blocked, done, abandoned), a `note` "
            + "of what was achieved, or both. Each call adds a step to the goal's timeline. Returns the goal.",
        object()
            .required("id", goalId())
            .optional("status", Schema.goalStatus("The new status"))
            .optional(
                "note",
                Schema.text(
                    "What happened, 1.." + Limits.PROGRESS_NOTE_MAX_CHARS + " characters",
                    Limits.PROGRESS_NOTE_MAX_CHARS))
            .closed(),
        Schema.GOAL,
        Hints.ADD,
        true,
        (space, args) -> {
          Optional<GoalStatus> status =
              args.optionalString("status").map(s -> GoalStatus.parse(s, "status"));
          return RecordJson.goal(
              space
                  .goals()
                  .progress(
                      new RecordProgress(
                          GoalId.of(args.id("id")), status, args.optionalString("note"))));
        });
  }

  static MemkitTool goalUpdate() {
    return new MemkitTool(
        "goal_update",
        "Change a goal",
        "Change a goal's title, due time (`due_at`; null clears it) or status by id. To log progress prefer "
            + "goal_progress, which keeps a note.",
        object()
            .required("id", goalId())
            .optional("title", Schema.text("The new title", Limits.GOAL_TITLE_MAX_CHARS))
            .optional(
                "due_at",
                JsonValue.objectBuilder()
                    .put("type", JsonValue.array(JsonValue.of("string"), JsonValue.of("null")))
                    .put("description", "The new due time (ISO-8601), or null to clear it")
                    .build())
            .optional("status", Schema.goalStatus("The new status"))
            .closed(),
        Schema.GOAL,
        Hints.OVERWRITE,
        false,
        (space, args) -> {
          boolean clear = args.has("due_at") && args.time("due_at").isEmpty();
          UpdateGoal changes =
              new UpdateGoal(
                  args.optionalString("title"),
                  args.time("due_at"),
                  clear,
                  args.optionalString("status").map(s -> GoalStatus.parse(s, "status")));
          return RecordJson.goal(space.goals().update(GoalId.of(args.id("id")), changes));
        });
  }

  private static JsonObject goalId() {
    return Schema.integer("The goal's id", 1, Long.MAX_VALUE);
  }
}
