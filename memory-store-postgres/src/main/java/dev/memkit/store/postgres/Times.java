package dev.memkit.store.postgres;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How times are kept: ISO-8601 UTC text, which {@link Instant#parse} reads back exactly to the
 * nanosecond ({@code timestamptz} keeps microseconds only). Where a time is filtered on, its epoch
 * seconds and nanoseconds are kept beside it and compared as a pair.
 */
final class Times {
  private Times() {
  }

  static String text(Instant t) {
    return t.toString();
  }

  static String text(Optional<Instant> t) {
    return t.map(Instant::toString).orElse(null);
  }

  static Instant parse(String s) {
    return Instant.parse(s);
  }

  static Optional<Instant> parseOptional(String s) {
    return s == null ? Optional.empty() : Optional.of(Instant.parse(s));
  }

  /**
   * Appends a condition that the time in columns {@code seconds}/{@code nanos} is at or after
   * {@code bound} ({@code atOrAfter}) or before it.
   */
  static void appendBound(StringBuilder sql, List<Object> params, String seconds, String nanos, Instant bound,
      boolean atOrAfter) {
    sql.append(" AND (").append(seconds).append(", ").append(nanos).append(atOrAfter ? ") >= (?, ?)" : ") < (?, ?)");
    params.add(bound.getEpochSecond());
    params.add(bound.getNano());
  }
}
