package dev.memkit.core.model;

import java.util.Comparator;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A memory that matched a search, with its relevance: higher is better. Scores compare only within
 * one result list.
 *
 * @param score the relevance the list is ranked by: BM25 for a keyword search, the cosine for a
 *     semantic one, the fused score (0..1) for a hybrid one
 * @param matchedTerms how many distinct query terms the memory contains (0 when only its meaning
 *     matched)
 * @param keywordScore the BM25 score, when the keyword side found the memory
 * @param semanticScore the cosine similarity (-1..1), when the semantic side found it
 */
public record SearchHit(
    Memory memory,
    double score,
    int matchedTerms,
    OptionalDouble keywordScore,
    OptionalDouble semanticScore) {
  /**
   * The order every store ranks hits in: more distinct terms first, then higher score, then newer.
   */
  public static final Comparator<SearchHit> BEST_FIRST =
      Comparator.comparingInt(SearchHit::matchedTerms)
          .reversed()
          .thenComparing(Comparator.comparingDouble(SearchHit::score).reversed())
          .thenComparing(
              Comparator.comparingLong((SearchHit h) -> h.memory().id().value()).reversed());

  /** Rejects missing parts. */
  public SearchHit {
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(keywordScore, "keywordScore");
    Objects.requireNonNull(semanticScore, "semanticScore");
  }

  /** A keyword hit, as a store returns it: its score is its BM25 score. */
  public SearchHit(Memory memory, double score, int matchedTerms) {
    this(memory, score, matchedTerms, OptionalDouble.of(score), OptionalDouble.empty());
  }
}
