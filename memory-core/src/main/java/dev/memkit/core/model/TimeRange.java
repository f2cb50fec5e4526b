package dev.memkit.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A half-open time range {@code [from, to)}; either end may be open. */
public record TimeRange(Optional<Instant> from, Optional<Instant> to) {
  /** All of time. */
  public static final TimeRange ALL = new TimeRange(Optional.empty(), Optional.empty());

  /** Rejects a range whose start is after its end. */
  public TimeRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isPresent() && to.isPresent()) {
      Limits.require(!from.get().isAfter(to.get()), "from", "must not be after to");
    }
  }

  /** A range from {@code from} (inclusive, may be null) to {@code to} (exclusive, may be null). */
  public static TimeRange of(Instant from, Instant to) {
    return new TimeRange(Optional.ofNullable(from), Optional.ofNullable(to));
  }

  /** Whether {@code t} lies in the range. */
  public boolean contains(Instant t) {
    return from.map(f -> !t.isBefore(f)).orElse(true) && to.map(t::isBefore).orElse(true);
  }
}
