package dev.memkit.core.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A natural-language query reduced to the words it is about. Any text parses: punctuation, quotes,
 * {@code OR}, {@code *} and brackets are just separators, never syntax.
 *
 * @param text the query as the user wrote it
 * @param words its distinct words, lower case, without diacritics, stop words dropped (unless
 *     nothing else is left), in the order written, at most 32; not stemmed
 * @param terms the stems of {@code words}, distinct, in the same order
 */
public record SearchQuery(String text, List<String> words, List<String> terms) {
  /** Most words a query keeps: a pasted paragraph is searched by its first 32 distinct words. */
  public static final int MAX_WORDS = 32;

  /** Copies the lists. */
  public SearchQuery {
    Objects.requireNonNull(text, "text");
    words = List.copyOf(words);
    terms = List.copyOf(terms);
  }

  /** Parses {@code text}. The result may have no words (a query of only punctuation). */
  public static SearchQuery parse(String text) {
    List<String> all = Analyzer.words(text);
    Set<String> kept = new LinkedHashSet<>();
    for (String w : all) {
      if (!StopWords.contains(w)) {
        kept.add(w);
      }
    }
    if (kept.isEmpty()) {
      kept.addAll(all);
    }
    List<String> words = new ArrayList<>();
    Set<String> terms = new LinkedHashSet<>();
    for (String w : kept) {
      if (words.size() == MAX_WORDS) {
        break;
      }
      words.add(w);
      terms.add(PorterStemmer.stem(w));
    }
    return new SearchQuery(text, words, new ArrayList<>(terms));
  }

  /** Whether the query has no word to look for. */
  public boolean isEmpty() {
    return terms.isEmpty();
  }
}
