package dev.memkit.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which memories a list or search considers: those carrying <em>every</em> tag given (ignoring
 * case), of the kind given, whose {@link Memory#effectiveTime()} lies in the range.
 */
public record MemoryFilter(List<Tag> tags, Optional<Kind> kind, TimeRange range) {
  /** No filter: every memory. */
  public static final MemoryFilter ALL =
      new MemoryFilter(List.of(), Optional.empty(), TimeRange.ALL);

  /** Copies the tags. */
  public MemoryFilter {
    tags = Memory.checkTags(tags);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(range, "range");
  }

  /** Whether {@code memory} passes this filter. */
  public boolean matches(Memory memory) {
    return tags.stream().allMatch(memory::hasTag)
        && kind.map(k -> k.equals(memory.kind())).orElse(true)
        && range.contains(memory.effectiveTime());
  }

  /** Returns this filter with the kind set. */
  public MemoryFilter withKind(Kind k) {
    return new MemoryFilter(tags, Optional.of(k), range);
  }
}
