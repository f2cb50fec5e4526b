package dev.memkit.core.port.in;

import dev.memkit.core.model.Limits;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of the memory log, newest first.
 *
 * @param cursor the {@code nextCursor} of the previous page, absent for the first
 * @param limit 1..100
 */
public record ListMemories(MemoryFilter filter, Optional<String> cursor, int limit) {
  /** Checks the limit and the cursor's form. */
  public ListMemories {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(cursor, "cursor");
    Limits.page(limit, "limit", Limits.PAGE_MAX);
    cursor.ifPresent(ListMemories::decodeCursor);
  }

  /** The newest {@code limit} memories. */
  public static ListMemories newest(int limit) {
    return new ListMemories(MemoryFilter.ALL, Optional.empty(), limit);
  }

  /** The id a cursor stands for: the page continues below it. */
  public static MemoryId decodeCursor(String cursor) {
    try {
      long id = Long.parseLong(cursor);
      if (id >= 1) {
        return MemoryId.of(id);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new dev.memkit.core.error.ValidationException(
        "cursor",
        "must be a cursor returned by a previous page: '"
            + (cursor.length() > 40 ? cursor.substring(0, 40) : cursor)
            + "'");
  }

  /** The cursor of the page after the one ending at {@code last}. */
  public static String encodeCursor(MemoryId last) {
    return Long.toString(last.value());
  }
}
