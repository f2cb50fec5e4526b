package dev.memkit.core.port.in;

import dev.memkit.core.model.Limits;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A goal to add, with status {@code new}. */
public record AddGoal(String title, Optional<Instant> dueAt) {
  /** Checks the title (1..500 characters). */
  public AddGoal {
    Limits.text(title, "goal", Limits.GOAL_TITLE_MAX_CHARS);
    Objects.requireNonNull(dueAt, "dueAt");
  }

  /** A goal with no due date. */
  public static AddGoal of(String title) {
    return new AddGoal(title, Optional.empty());
  }
}
