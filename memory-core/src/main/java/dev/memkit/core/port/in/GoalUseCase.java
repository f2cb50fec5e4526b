package dev.memkit.core.port.in;

import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.ProgressNote;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The goals of one namespace and their progress timelines. */
public interface GoalUseCase {
  /** Adds a goal with status {@code new}. */
  Goal add(AddGoal command);

  /** The goal {@code id}, if it exists in this namespace. */
  Optional<Goal> find(GoalId id);

  /** Goals with one of {@code statuses} (empty: all), oldest first. */
  List<Goal> list(Set<GoalStatus> statuses);

  /** Goals not done nor abandoned, oldest first. */
  List<Goal> listActive();

  /**
   * Records progress: a new status, a note, or both.
   *
   * @throws dev.memkit.core.error.ValidationException when neither is given
   * @throws dev.memkit.core.error.NotFoundException when there is no such goal here
   */
  Goal progress(GoalId id, Optional<GoalStatus> status, Optional<String> note);

  /**
   * Changes a goal's title, due date or status.
   *
   * @throws dev.memkit.core.error.NotFoundException when there is no such goal here
   */
  Goal update(GoalId id, UpdateGoal changes);

  /**
   * Deletes a goal and its timeline.
   *
   * @throws dev.memkit.core.error.NotFoundException when there is no such goal here
   */
  void delete(GoalId id);

  /**
   * The goal's progress timeline, oldest first.
   *
   * @throws dev.memkit.core.error.NotFoundException when there is no such goal here
   */
  List<ProgressNote> timeline(GoalId id);
}
