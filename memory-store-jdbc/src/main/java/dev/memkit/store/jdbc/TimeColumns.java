package dev.memkit.store.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How times are kept: ISO-8601 UTC text, which {@link Instant#parse} reads back exactly to the
 * nanosecond (PostgreSQL's {@code timestamptz} keeps microseconds only). Where a time is filtered
 * on, its epoch seconds and nanoseconds are kept beside it and compared as a pair.
 */
public final class TimeColumns {
  private TimeColumns() {}

  /** {@code t} as it is kept. */
  public static String text(Instant t) {
    return t.toString();
  }

  /** {@code t} as it is kept, or null (SQL {@code NULL}) when absent. */
  public static String text(Optional<Instant> t) {
    return t.map(Instant::toString).orElse(null);
  }

  /**
   * Reads a time as {@link Instant#toString()} wrote it. The usual form, {@code
   * yyyy-MM-ddTHH:mm:ss[.f…]Z} with a four-digit year, is read by hand (it is on the path of every
   * row read, and {@link Instant#parse} is slow); anything else goes to {@link Instant#parse}.
   */
  public static Instant parse(String s) {
    int n = s.length();
    if (n >= 20
        && n <= 30
        && s.charAt(4) == '-'
        && s.charAt(7) == '-'
        && s.charAt(10) == 'T'
        && s.charAt(13) == ':'
        && s.charAt(16) == ':'
        && s.charAt(n - 1) == 'Z'
        && (n == 20 || s.charAt(19) == '.' && n > 21)) {
      int year = digits(s, 0, 4);
      int month = digits(s, 5, 7);
      int day = digits(s, 8, 10);
      int hour = digits(s, 11, 13);
      int minute = digits(s, 14, 16);
      int second = digits(s, 17, 19);
      int nanos = 0;
      if (n > 20) {
        int fraction = digits(s, 20, n - 1);
        int places = n - 21;
        nanos = fraction < 0 || places > 9 ? -1 : fraction * POWERS[9 - places];
      }
      if (year >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= 31
          && hour >= 0
          && hour <= 23
          && minute >= 0
          && minute <= 59
          && second >= 0
          && second <= 59
          && nanos >= 0) {
        try {
          long days = java.time.LocalDate.of(year, month, day).toEpochDay();
          return Instant.ofEpochSecond(
              days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
        } catch (java.time.DateTimeException e) {
          // not a real date: let Instant.parse say so
        }
      }
    }
    return Instant.parse(s);
  }

  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  /** The decimal number in {@code s[from, to)}, or -1 when a character is no digit. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** A time as {@link #text(Optional)} wrote it: empty for null. */
  public static Optional<Instant> parseOptional(String s) {
    return s == null ? Optional.empty() : Optional.of(parse(s));
  }

  /**
   * Appends a condition that the time in columns {@code seconds}/{@code nanos} is at or after
   * {@code bound} ({@code atOrAfter}) or before it: as one row-value comparison when {@code
   * rowValues} (an index on the pair answers it), else spelt out.
   */
  static void appendBound(
      StringBuilder sql,
      List<Object> params,
      String seconds,
      String nanos,
      Instant bound,
      boolean atOrAfter,
      boolean rowValues) {
    if (rowValues) {
      sql.append(" AND (")
          .append(seconds)
          .append(", ")
          .append(nanos)
          .append(atOrAfter ? ") >= (?, ?)" : ") < (?, ?)");
    } else {
      sql.append(" AND (")
          .append(seconds)
          .append(atOrAfter ? " > ? OR (" : " < ? OR (")
          .append(seconds)
          .append(" = ? AND ")
          .append(nanos)
          .append(atOrAfter ? " >= ?))" : " < ?))");
      params.add(bound.getEpochSecond());
    }
    params.add(bound.getEpochSecond());
    params.add(bound.getNano());
  }
}
