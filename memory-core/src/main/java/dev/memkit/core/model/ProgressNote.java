package dev.memkit.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step on a goal's timeline: when, the status before and after (equal when only a note was
 * added), and the note, if any.
 */
public record ProgressNote(Instant at, GoalStatus from, GoalStatus to, Optional<String> note) {
  /** Checks the note's length. */
  public ProgressNote {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(note, "note");
    note.ifPresent(n -> Limits.text(n, "note", Limits.PROGRESS_NOTE_MAX_CHARS));
  }
}
