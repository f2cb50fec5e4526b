package dev.memkit.core.service;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.core.port.out.EmbedderProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The semantic-search settings of the environment, checked once when a store opens.
 *
 * @param provider the embedding model to load ({@code MEMKIT_EMBEDDER}), absent for keyword search
 *     only
 * @param semanticWeight the weight of the semantic list in hybrid fusion, 0..1 ({@code
 *     MEMKIT_SEARCH_SEMANTIC_WEIGHT})
 * @param defaultMode the mode of a search that names none once the model is ready ({@code
 *     MEMKIT_SEARCH_MODE})
 * @param batch how many memories the indexer embeds per call of the model ({@code
 *     MEMKIT_INDEXER_BATCH})
 */
record SemanticSettings(
    Optional<EmbedderProvider> provider, double semanticWeight, SearchMode defaultMode, int batch) {
  /** The semantic weight of hybrid fusion when {@code MEMKIT_SEARCH_SEMANTIC_WEIGHT} is unset. */
  static final double DEFAULT_SEMANTIC_WEIGHT = 0.4;

  private static final int DEFAULT_BATCH = 32;

  /** Rejects missing parts and out-of-range numbers. */
  SemanticSettings {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(defaultMode, "defaultMode");
    if (!(semanticWeight >= 0 && semanticWeight <= 1)) {
      throw new IllegalArgumentException("semanticWeight must be 0..1: " + semanticWeight);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be positive: " + batch);
    }
  }

  /**
   * Reads the settings from {@code environment}.
   *
   * @throws ValidationException when a setting is malformed or names a model not on the classpath
   */
  static SemanticSettings from(Map<String, String> environment) {
    SearchMode mode =
        Optional.ofNullable(environment.get("MEMKIT_SEARCH_MODE"))
            .filter(s -> !s.isBlank())
            .map(SearchMode::of)
            .orElse(SearchMode.HYBRID);
    return new SemanticSettings(
        findProvider(environment),
        weight(environment),
        mode,
        intSetting(environment, "MEMKIT_INDEXER_BATCH", DEFAULT_BATCH, 1, 1024));
  }

  private static Optional<EmbedderProvider> findProvider(Map<String, String> environment) {
    String wanted =
        Optional.ofNullable(environment.get("MEMKIT_EMBEDDER")).map(String::trim).orElse("");
    if (wanted.equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    List<String> available = new ArrayList<>();
    for (EmbedderProvider p :
        ServiceLoader.load(EmbedderProvider.class, SemanticSettings.class.getClassLoader())) {
      if (wanted.isEmpty() || p.name().equals(wanted)) {
        return Optional.of(p);
      }
      available.add(p.name());
    }
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    throw new ValidationException(
        "MEMKIT_EMBEDDER",
        "names '"
            + wanted
            + "' but no such embedding model is on the classpath"
            + " (available: "
            + (available.isEmpty() ? "none" : String.join(", ", available))
            + "; 'none' turns it off)");
  }

  private static double weight(Map<String, String> environment) {
    String raw = environment.get("MEMKIT_SEARCH_SEMANTIC_WEIGHT");
    if (raw == null || raw.isBlank()) {
      return DEFAULT_SEMANTIC_WEIGHT;
    }
    try {
      double w = Double.parseDouble(raw.trim());
      if (w >= 0 && w <= 1) {
        return w;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ValidationException(
        "MEMKIT_SEARCH_SEMANTIC_WEIGHT", "must be a number from 0 to 1, got '" + raw + "'");
  }

  /**
   * The whole number {@code name} in {@code environment}, {@code fallback} when unset or blank.
   *
   * @throws ValidationException when it is not a whole number from {@code min} to {@code max}
   */
  static int intSetting(
      Map<String, String> environment, String name, int fallback, int min, int max) {
    String raw = environment.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ValidationException(
        name, "must be a whole number from " + min + " to " + max + ", got '" + raw + "'");
  }
}
