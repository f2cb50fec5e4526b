package dev.memkit.core.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * A memory that matched a search, with its relevance: higher is better. Scores compare only
 * within one result list.
 *
 * @param matchedTerms how many distinct query terms the memory contains
 */
public record SearchHit(Memory memory, double score, int matchedTerms) {
  /** The order every store ranks hits in: more distinct terms first, then higher score, then newer. */
  public static final Comparator<SearchHit> BEST_FIRST = Comparator.comparingInt(SearchHit::matchedTerms).reversed()
      .thenComparing(Comparator.comparingDouble(SearchHit::score).reversed())
      .thenComparing(Comparator.comparingLong((SearchHit h) -> h.memory().id().value()).reversed());

  /** Rejects a missing memory. */
  public SearchHit {
    Objects.requireNonNull(memory, "memory");
  }
}
