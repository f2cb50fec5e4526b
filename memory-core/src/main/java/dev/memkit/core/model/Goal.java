package dev.memkit.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the agent works towards, with its progress timeline (oldest first).
 *
 * @param title 1..500 characters, not blank
 */
public record Goal(
    GoalId id,
    Namespace namespace,
    String title,
    GoalStatus status,
    Optional<Instant> dueAt,
    List<ProgressNote> progress,
    Instant createdAt,
    Instant updatedAt) {

  /** Checks the title and copies the timeline. */
  public Goal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(namespace, "namespace");
    Limits.text(title, "title", Limits.GOAL_TITLE_MAX_CHARS);
    Limits.required(status, "status");
    Objects.requireNonNull(dueAt, "dueAt");
    progress = List.copyOf(progress);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Returns this goal with {@code note} appended to its timeline. */
  public Goal withProgress(ProgressNote note) {
    List<ProgressNote> timeline = new java.util.ArrayList<>(progress);
    timeline.add(note);
    return new Goal(id, namespace, title, note.to(), dueAt, timeline, createdAt, note.at());
  }
}
