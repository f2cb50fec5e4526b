package dev.memkit.core.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory inverted index ranked with Okapi BM25 (k1 = 1.2, b = 0.75), for stores that keep
 * their search index in memory. Documents are identified by a {@code long}. Not thread-safe: the
 * owning store guards it.
 */
public final class Bm25Index {
  private static final double K1 = 1.2;
  private static final double B = 0.75;

  private final Map<String, Map<Long, Integer>> postings = new HashMap<>();
  private final Map<Long, String[]> documents = new HashMap<>();
  private final Map<Long, Integer> lengths = new HashMap<>();
  private long totalLength;

  /** Indexes {@code text} as document {@code id}, replacing what was indexed for it before. */
  public void put(long id, String text) {
    remove(id);
    List<String> terms = Analyzer.terms(text);
    Map<String, Integer> counts = new HashMap<>();
    for (String term : terms) {
      counts.merge(term, 1, Integer::sum);
    }
    counts.forEach((term, n) -> postings.computeIfAbsent(term, t -> new HashMap<>()).put(id, n));
    documents.put(id, counts.keySet().toArray(new String[0]));
    totalLength += terms.size();
    lengths.put(id, terms.size());
  }

  /** Removes document {@code id}; harmless when absent. */
  public void remove(long id) {
    String[] terms = documents.remove(id);
    if (terms == null) {
      return;
    }
    for (String term : terms) {
      Map<Long, Integer> list = postings.get(term);
      if (list != null) {
        list.remove(id);
        if (list.isEmpty()) {
          postings.remove(term);
        }
      }
    }
    totalLength -= lengths.remove(id);
  }

  /** Removes every document. */
  public void clear() {
    postings.clear();
    documents.clear();
    lengths.clear();
    totalLength = 0;
  }

  /** How many documents are indexed. */
  public int size() {
    return documents.size();
  }

  /** A scored document: how many distinct query terms it holds and its BM25 score. */
  public record Scored(long id, int matchedTerms, double score) {}

  /**
   * Every document holding at least one of {@code terms} (stems), unordered, with its BM25 score
   * and the number of distinct terms it holds.
   */
  public List<Scored> score(List<String> terms) {
    int n = documents.size();
    if (n == 0 || terms.isEmpty()) {
      return List.of();
    }
    double avgLength = Math.max(1.0, (double) totalLength / n);
    Map<Long, double[]> acc = new HashMap<>();
    for (String term : terms) {
      Map<Long, Integer> list = postings.get(term);
      if (list == null) {
        continue;
      }
      double idf = Math.log(1 + (n - list.size() + 0.5) / (list.size() + 0.5));
      for (Map.Entry<Long, Integer> posting : list.entrySet()) {
        double tf = posting.getValue();
        double length = lengths.get(posting.getKey());
        double s = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avgLength));
        double[] a = acc.computeIfAbsent(posting.getKey(), id -> new double[2]);
        a[0] += 1;
        a[1] += s;
      }
    }
    List<Scored> result = new ArrayList<>(acc.size());
    acc.forEach((id, a) -> result.add(new Scored(id, (int) a[0], a[1])));
    return result;
  }
}
