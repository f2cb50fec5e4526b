package dev.memkit.cli;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.UpdateGoal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memkit goal …}: goals and their progress timelines. */
@Command(
    name = "goal",
    mixinStandardHelpOptions = true,
    description =
        "Goals of the namespace and their progress: add, list, show, progress, update, delete.",
    subcommands = {
      GoalCommand.Add.class,
      GoalCommand.ListGoals.class,
      GoalCommand.Show.class,
      GoalCommand.Progress.class,
      GoalCommand.Update.class,
      GoalCommand.Delete.class
    })
final class GoalCommand {
  private static final String STATUSES = "new, in_progress, blocked, done, abandoned";

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Adds a goal with status new.")
  static final class Add extends Action {
    @Parameters(index = "0", paramLabel = "TITLE", description = "1..500 characters.")
    String title;

    @Option(
        names = "--due",
        paramLabel = "DATE",
        description = "Due date: 2026-12-01 or 2026-12-01T17:00:00Z.")
    String due;

    @Override
    void run(Printer out) {
      JsonObject goal =
          backend().goalAdd(new AddGoal(title, Optional.ofNullable(time(due, "due_at"))));
      if (out.json()) {
        out.json(goal);
      } else {
        out.line("Added goal " + Printer.field(goal, "id") + ": " + Printer.field(goal, "title"));
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists goals, oldest first.")
  static final class ListGoals extends Action {
    @Option(
        names = "--status",
        paramLabel = "STATUS",
        split = ",",
        description =
            "Only goals with this status (repeatable or comma-separated): " + STATUSES + ".")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--active", description = "Only goals not done nor abandoned.")
    boolean active;

    @Override
    void run(Printer out) {
      if (active && !statuses.isEmpty()) {
        throw new UsageException("--status and --active cannot be used together");
      }
      Set<GoalStatus> wanted = EnumSet.noneOf(GoalStatus.class);
      statuses.forEach(s -> wanted.add(GoalStatus.parse(s, "status")));
      List<JsonObject> goals =
          backend().goalList(new dev.memkit.core.port.in.ListGoals(wanted, active));
      if (out.json()) {
        out.json(JsonValue.objectBuilder().put("items", JsonValue.array(goals)).build());
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonObject g : goals) {
        rows.add(
            List.of(
                Printer.field(g, "id"),
                Printer.field(g, "status"),
                Printer.minute(g, "due_at"),
                Printer.cell(Printer.field(g, "title"), Printer.CELL_MAX)));
      }
      out.table(List.of("ID", "STATUS", "DUE", "TITLE"), rows, "No goals.");
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Shows goal ID with its timeline. Exit 1 when absent.")
  static final class Show extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Override
    void run(Printer out) {
      printGoal(out, backend().goalGet(GoalId.of(id)));
    }
  }

  @Command(
      name = "progress",
      mixinStandardHelpOptions = true,
      description = "Records progress on goal ID: a new status, a note, or both (at least one).")
  static final class Progress extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Option(names = "--status", paramLabel = "STATUS", description = STATUSES + ".")
    String status;

    @Option(
        names = "--note",
        paramLabel = "TEXT",
        description = "What happened (1..4000 characters).")
    String note;

    @Override
    void run(Printer out) {
      Optional<GoalStatus> newStatus =
          Optional.ofNullable(status).map(s -> GoalStatus.parse(s, "status"));
      JsonObject goal =
          backend()
              .goalProgress(
                  new RecordProgress(GoalId.of(id), newStatus, Optional.ofNullable(note)));
      if (out.json()) {
        out.json(goal);
      } else {
        out.line(
            "Goal "
                + Printer.field(goal, "id")
                + " is "
                + Printer.field(goal, "status")
                + ": "
                + Printer.field(goal, "title"));
      }
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = "Changes the title, due date or status of goal ID.")
  static final class Update extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Option(names = "--title", paramLabel = "TITLE")
    String title;

    @Option(names = "--due", paramLabel = "DATE")
    String due;

    @Option(names = "--clear-due", description = "Remove the due date.")
    boolean clearDue;

    @Option(names = "--status", paramLabel = "STATUS", description = STATUSES + ".")
    String status;

    @Override
    void run(Printer out) {
      GoalId goalId = GoalId.of(id);
      UpdateGoal changes =
          new UpdateGoal(
              Optional.ofNullable(title),
              Optional.ofNullable(time(due, "due_at")),
              clearDue,
              Optional.ofNullable(status).map(s -> GoalStatus.parse(s, "status")));
      JsonObject goal = backend().goalUpdate(goalId, changes);
      if (out.json()) {
        out.json(goal);
      } else {
        out.line("Updated goal " + Printer.field(goal, "id") + ": " + Printer.field(goal, "title"));
      }
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes goal ID and its timeline. Exit 1 when absent.")
  static final class Delete extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Override
    void run(Printer out) {
      backend().goalDelete(GoalId.of(id));
      if (out.json()) {
        out.json(JsonValue.objectBuilder().put("deleted", id).build());
      } else {
        out.line("Deleted goal " + id);
      }
    }
  }

  static void printGoal(Printer out, JsonObject goal) {
    if (out.json()) {
      out.json(goal);
      return;
    }
    out.details(goal, List.of("id", "title", "status", "due_at", "created_at", "updated_at"));
    JsonValue progress = goal.get("progress").orElse(JsonValue.NULL);
    if (progress instanceof JsonValue.JsonArray steps && !steps.values().isEmpty()) {
      out.line("progress:");
      for (JsonValue step : steps.values()) {
        if (step instanceof JsonObject s) {
          String change =
              Printer.field(s, "from").equals(Printer.field(s, "to"))
                  ? Printer.field(s, "to")
                  : Printer.field(s, "from") + " -> " + Printer.field(s, "to");
          String note = Printer.field(s, "note");
          out.line(
              "  "
                  + Printer.minute(s, "at")
                  + "  "
                  + change
                  + ("-".equals(note) ? "" : "  " + Printer.cell(note, 200)));
        }
      }
    }
  }

  GoalCommand() {}
}
