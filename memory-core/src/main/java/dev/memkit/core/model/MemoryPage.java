package dev.memkit.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of memories, newest first, and the cursor of the next page if there is one. */
public record MemoryPage(List<Memory> items, Optional<String> nextCursor) {
  /** Copies the list. */
  public MemoryPage {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
