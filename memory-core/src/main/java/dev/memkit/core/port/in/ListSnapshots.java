package dev.memkit.core.port.in;

import dev.memkit.core.model.Limits;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of session snapshots, newest first.
 *
 * @param cursor the {@code nextCursor} of the previous page, absent for the first
 * @param limit 1..100
 */
public record ListSnapshots(Optional<String> cursor, int limit) {
  /** Checks the limit and the cursor's form. */
  public ListSnapshots {
    Objects.requireNonNull(cursor, "cursor");
    Limits.page(limit, "limit", Limits.PAGE_MAX);
    cursor.ifPresent(ListMemories::decodeCursor);
  }

  /** The newest {@code limit} snapshots. */
  public static ListSnapshots newest(int limit) {
    return new ListSnapshots(Optional.empty(), limit);
  }
}
