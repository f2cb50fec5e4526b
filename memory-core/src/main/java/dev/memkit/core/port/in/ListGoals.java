package dev.memkit.core.port.in;

import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Limits;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which goals to list, oldest first: those with one of {@code statuses} (empty: every status), or
 * only the active ones (neither done nor abandoned).
 */
public record ListGoals(Set<GoalStatus> statuses, boolean activeOnly) {
  /** Every goal. */
  public static final ListGoals ALL = new ListGoals(Set.of(), false);

  /** The goals neither done nor abandoned. */
  public static final ListGoals ACTIVE = new ListGoals(Set.of(), true);

  /** Copies the statuses; rejects statuses together with {@code activeOnly}. */
  public ListGoals {
    Objects.requireNonNull(statuses, "statuses");
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    Limits.require(
        !(activeOnly && !statuses.isEmpty()), "active", "cannot be combined with status");
  }

  /** The goals with one of {@code statuses} (none: every goal). */
  public static ListGoals withStatus(Set<GoalStatus> statuses) {
    return new ListGoals(statuses, false);
  }
}
