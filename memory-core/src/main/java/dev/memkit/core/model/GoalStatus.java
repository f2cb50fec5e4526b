package dev.memkit.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a goal stands. {@code done} and {@code abandoned} end it; the rest are active. */
public enum GoalStatus {
  /** Just added. */
  NEW("new"),
  /** Being worked on. */
  IN_PROGRESS("in_progress"),
  /** Waiting on something. */
  BLOCKED("blocked"),
  /** Reached. */
  DONE("done"),
  /** Given up. */
  ABANDONED("abandoned");

  private final String wire;

  GoalStatus(String wire) {
    this.wire = wire;
  }

  /** The status as written in JSON and in the context block, e.g. {@code in_progress}. */
  public String wireName() {
    return wire;
  }

  /** Whether a goal with this status is still being pursued. */
  public boolean isActive() {
    return this != DONE && this != ABANDONED;
  }

  /**
   * Parses {@code text} (case-insensitive, {@code -} accepted for {@code _}).
   *
   * @throws dev.memkit.core.error.ValidationException naming {@code field} when it is no status
   */
  public static GoalStatus parse(String text, String field) {
    Limits.required(text, field);
    String wanted = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (GoalStatus status : values()) {
      if (status.wire.equals(wanted)) {
        return status;
      }
    }
    throw new dev.memkit.core.error.ValidationException(
        field,
        "must be one of "
            + Arrays.stream(values()).map(GoalStatus::wireName).collect(Collectors.joining(", "))
            + ": '"
            + Limits.clip(text)
            + "'");
  }

  @Override
  public String toString() {
    return wire;
  }
}
