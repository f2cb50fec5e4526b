package dev.memkit.core.port.in;

import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Limits;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes to a goal: a new title, a new due date, clearing the due date, or a new status (which is
 * recorded on the timeline like a progress step). At least one must be present.
 */
public record UpdateGoal(
    Optional<String> title,
    Optional<Instant> dueAt,
    boolean clearDue,
    Optional<GoalStatus> status) {
  /** Checks the fields. */
  public UpdateGoal {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(status, "status");
    title.ifPresent(t -> Limits.text(t, "title", Limits.GOAL_TITLE_MAX_CHARS));
    Limits.require(!(clearDue && dueAt.isPresent()), "due_at", "cannot be both set and cleared");
    Limits.require(
        title.isPresent() || dueAt.isPresent() || clearDue || status.isPresent(),
        "update",
        "must change at least one of title, due_at, status");
  }
}
