package dev.memkit.core.port.in;

import dev.memkit.core.model.Limits;
import dev.memkit.core.model.MemoryFilter;
import java.util.Objects;
import java.util.Optional;

/**
 * A natural-language search of the memory log: any text is a query, never a syntax error.
 *
 * @param query 1..16384 characters
 * @param limit 1..100
 * @param mode how to search; when empty, the default ({@code MEMKIT_SEARCH_MODE}, else hybrid when
 *     an embedding model is present, else keyword)
 */
public record SearchMemories(
    String query, MemoryFilter filter, int limit, Optional<SearchMode> mode) {
  /** Checks the query's length and the limit. */
  public SearchMemories {
    Limits.required(query, "q");
    Limits.require(!query.isEmpty(), "q", "must not be empty");
    int length = query.codePointCount(0, query.length());
    Limits.require(
        length <= Limits.QUERY_MAX_CHARS,
        "q",
        "must be at most " + Limits.QUERY_MAX_CHARS + " characters, got " + length);
    Objects.requireNonNull(filter, "filter");
    Limits.page(limit, "limit", Limits.PAGE_MAX);
    Objects.requireNonNull(mode, "mode");
  }

  /** A search in the default mode. */
  public SearchMemories(String query, MemoryFilter filter, int limit) {
    this(query, filter, limit, Optional.empty());
  }

  /** The best {@link Limits#PAGE_DEFAULT} matches of {@code query}, unfiltered. */
  public static SearchMemories of(String query) {
    return new SearchMemories(query, MemoryFilter.ALL, Limits.PAGE_DEFAULT);
  }

  /** Returns this search with {@code newLimit}. */
  public SearchMemories withLimit(int newLimit) {
    return new SearchMemories(query, filter, newLimit, mode);
  }

  /** Returns this search in {@code newMode}. */
  public SearchMemories withMode(SearchMode newMode) {
    return new SearchMemories(query, filter, limit, Optional.of(newMode));
  }
}
