package dev.memkit.core.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted min-max fusion of a keyword list and a semantic list: each list's scores are scaled to
 * 0..1 by its own minimum and maximum, and an item's fused score is {@code (1 - w) * keyword + w *
 * semantic}, an item missing from a list counting 0 there. (Reciprocal-rank fusion was measured
 * worse than keywords alone on conversational memory.)
 */
public final class Fusion {
  private Fusion() {}

  /** A fused item: its id and fused score. */
  public record Fused(long id, double score) {}

  /**
   * Fuses two lists of id → raw score (higher better), with {@code semanticWeight} in 0..1; best
   * first, ties broken by higher id (newer).
   */
  public static List<Fused> fuse(
      Map<Long, Double> keyword, Map<Long, Double> semantic, double semanticWeight) {
    if (!(semanticWeight >= 0 && semanticWeight <= 1)) {
      throw new IllegalArgumentException(
          "the semantic weight must be within 0..1, got " + semanticWeight);
    }
    Map<Long, Double> fused = new LinkedHashMap<>();
    add(fused, keyword, 1 - semanticWeight);
    add(fused, semantic, semanticWeight);
    List<Fused> out = new ArrayList<>(fused.size());
    fused.forEach((id, s) -> out.add(new Fused(id, s)));
    out.sort(
        Comparator.comparingDouble(Fused::score)
            .reversed()
            .thenComparing(Comparator.comparingLong(Fused::id).reversed()));
    return out;
  }

  private static void add(Map<Long, Double> into, Map<Long, Double> scores, double weight) {
    if (scores.isEmpty()) {
      return;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores.values()) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    double range = max - min;
    for (Map.Entry<Long, Double> e : scores.entrySet()) {
      double normalized = range > 0 ? (e.getValue() - min) / range : 1.0;
      into.merge(e.getKey(), weight * normalized, Double::sum);
    }
  }
}
