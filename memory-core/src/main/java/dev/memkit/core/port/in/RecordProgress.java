package dev.memkit.core.port.in;

import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Limits;
import java.util.Objects;
import java.util.Optional;

/**
 * Progress on a goal: a new status, a note, or both.
 *
 * @param goal the goal
 * @param status the goal's new status, if it changes
 * @param note what happened, at most 4000 characters; an empty note counts as none
 */
public record RecordProgress(GoalId goal, Optional<GoalStatus> status, Optional<String> note) {
  /** Checks the note's length and that a status or a note is given. */
  public RecordProgress {
    Limits.required(goal, "goal_id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(note, "note");
    note = note.filter(n -> !n.isEmpty());
    note.ifPresent(n -> Limits.text(n, "note", Limits.PROGRESS_NOTE_MAX_CHARS));
    Limits.require(
        status.isPresent() || note.isPresent(), "progress", "must give a status, a note, or both");
  }

  /** Moves {@code goal} to {@code status}, noting {@code note}. */
  public static RecordProgress of(GoalId goal, GoalStatus status, String note) {
    return new RecordProgress(goal, Optional.of(status), Optional.of(note));
  }

  /** Moves {@code goal} to {@code status}. */
  public static RecordProgress status(GoalId goal, GoalStatus status) {
    return new RecordProgress(goal, Optional.of(status), Optional.empty());
  }

  /** Notes {@code note} on {@code goal}'s timeline. */
  public static RecordProgress note(GoalId goal, String note) {
    return new RecordProgress(goal, Optional.empty(), Optional.of(note));
  }
}
