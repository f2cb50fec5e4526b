package dev.memkit.core.port.in;

import dev.memkit.core.model.Limits;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What context block to build.
 *
 * @param maxTokens 1..128000: the block never has more tokens than this
 * @param query when present, adds a {@code # Relevant Memory:} section of search hits
 * @param sections which sections to include (empty: all)
 * @param mode how the relevant section searches; empty: the default search mode
 */
public record ContextRequest(
    int maxTokens,
    Optional<String> query,
    Set<ContextSection> sections,
    Optional<SearchMode> mode) {
  /** Checks the budget and the query. */
  public ContextRequest {
    Limits.require(
        maxTokens >= Limits.CONTEXT_MIN_TOKENS && maxTokens <= Limits.CONTEXT_MAX_TOKENS,
        "max_tokens",
        "must be between "
            + Limits.CONTEXT_MIN_TOKENS
            + " and "
            + Limits.CONTEXT_MAX_TOKENS
            + ", got "
            + maxTokens);
    Objects.requireNonNull(query, "query");
    query = query.filter(q -> !q.isBlank());
    query.ifPresent(q -> new SearchMemories(q, dev.memkit.core.model.MemoryFilter.ALL, 1));
    sections = sections.isEmpty() ? EnumSet.allOf(ContextSection.class) : EnumSet.copyOf(sections);
    Objects.requireNonNull(mode, "mode");
  }

  /** A request whose relevant section searches in the default mode. */
  public ContextRequest(int maxTokens, Optional<String> query, Set<ContextSection> sections) {
    this(maxTokens, query, sections, Optional.empty());
  }

  /** Every section, no query. */
  public static ContextRequest maxTokens(int maxTokens) {
    return new ContextRequest(maxTokens, Optional.empty(), Set.of());
  }

  /** Returns this request with a query. */
  public ContextRequest withQuery(String q) {
    return new ContextRequest(maxTokens, Optional.ofNullable(q), sections, mode);
  }

  /** Returns this request with its relevant section searched in {@code newMode}. */
  public ContextRequest withMode(SearchMode newMode) {
    return new ContextRequest(maxTokens, query, sections, Optional.of(newMode));
  }
}
