package dev.memkit.core.port.in;

import dev.memkit.core.error.ValidationException;
import java.util.Locale;

/** How a search finds memories. */
public enum SearchMode {
  /**
   * Both lists, fused by weighted min-max scores; the default when an embedding model is present.
   */
  HYBRID,
  /** Words only (BM25 over stemmed terms), as without an embedding model. */
  KEYWORD,
  /** Meaning only: cosine similarity of the query's and the memories' embeddings. */
  SEMANTIC;

  /**
   * The name used on the wire and the command line: {@code hybrid}, {@code keyword}, {@code
   * semantic}.
   */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode named {@code name}, ignoring case.
   *
   * @throws ValidationException (field {@code mode}) for any other name
   */
  public static SearchMode of(String name) {
    if (name != null) {
      for (SearchMode m : values()) {
        if (m.value().equalsIgnoreCase(name.trim())) {
          return m;
        }
      }
    }
    throw new ValidationException(
        "mode", "must be one of hybrid, keyword, semantic, got '" + name + "'");
  }
}
