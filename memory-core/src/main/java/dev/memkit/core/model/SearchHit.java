package dev.memkit.core.model;

import java.util.Objects;

/**
 * A memory that matched a search, with its relevance: higher is better. Scores compare only
 * within one result list.
 *
 * @param matchedTerms how many distinct query terms the memory contains
 */
public record SearchHit(Memory memory, double score, int matchedTerms) {
  /** Rejects a missing memory. */
  public SearchHit {
    Objects.requireNonNull(memory, "memory");
  }
}
