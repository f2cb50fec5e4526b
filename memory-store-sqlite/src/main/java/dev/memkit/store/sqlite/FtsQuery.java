package dev.memkit.store.sqlite;

import dev.memkit.core.search.PorterStemmer;
import dev.memkit.core.search.SearchQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A search query as FTS5 expressions. The user's text never becomes FTS5 syntax: each of the
 * query's words (already split, lower-cased and stripped of stop words by the core) is written as a
 * double-quoted string with {@code "} doubled, which FTS5 reads as a plain phrase. Words that stem
 * to the same term are kept once, so every phrase is one distinct term.
 *
 * @param phrases the quoted phrases, one per distinct term
 */
record FtsQuery(List<String> phrases) {

  static FtsQuery of(SearchQuery query) {
    List<String> phrases = new ArrayList<>();
    Set<String> stems = new HashSet<>();
    for (String word : query.words()) {
      if (stems.add(PorterStemmer.stem(word))) {
        phrases.add(quote(word));
      }
    }
    return new FtsQuery(List.copyOf(phrases));
  }

  /**
   * {@code text} as an FTS5 string: between double quotes, inner quotes doubled, NUL characters
   * (which would end the query text early) dropped.
   */
  static String quote(String text) {
    return '"' + text.replace("\u0000", "").replace("\"", "\"\"") + '"';
  }

  boolean isEmpty() {
    return phrases.isEmpty();
  }

  int size() {
    return phrases.size();
  }

  /** Matches rows containing any of the terms. */
  String anyTerm() {
    return String.join(" OR ", phrases);
  }

  /** Matches rows containing every term. */
  String everyTerm() {
    return String.join(" AND ", phrases);
  }
}
