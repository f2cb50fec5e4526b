package dev.memkit.core.port.in;

import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.ProgressNote;
import java.util.List;
import java.util.Optional;

/** The goals of one namespace and their progress timelines. */
public interface GoalUseCase {
  /** Adds a goal with status {@code new}. */
  Goal add(AddGoal command);

  /** The goal {@code id}, if it exists in this namespace. */
  Optional<Goal> find(GoalId id);

  /** The goals {@code query} asks for, oldest first. */
  List<Goal> list(ListGoals query);

  /**
   * Records progress: a new status, a note, or both.
   *
   * @throws dev.memkit.core.error.NotFoundException when there is no such goal here
   */
  Goal progress(RecordProgress command);

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
