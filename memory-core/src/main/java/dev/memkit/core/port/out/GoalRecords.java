package dev.memkit.core.port.out;

import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Namespace;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where goals and their progress timelines are kept. */
public interface GoalRecords {
  /** Reserves the id of the next goal: greater than any goal id ever handed out or put. */
  GoalId nextId();

  /** Inserts {@code goal} with its timeline, or replaces the goal with its id. */
  void put(Goal goal);

  /** The goal {@code id} with its timeline, if it belongs to {@code namespace}. */
  Optional<Goal> find(Namespace namespace, GoalId id);

  /** The namespace of goal {@code id}, if it exists anywhere. */
  Optional<Namespace> ownerOf(GoalId id);

  /** Goals of {@code namespace} with one of {@code statuses} (empty: any), oldest first (by id). */
  List<Goal> list(Namespace namespace, Set<GoalStatus> statuses);

  /**
   * Removes goal {@code id} of {@code namespace} and its timeline; returns whether it existed
   * there.
   */
  boolean delete(Namespace namespace, GoalId id);

  /** Removes every goal of {@code namespace}. */
  void deleteAll(Namespace namespace);
}
