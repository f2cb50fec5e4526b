package dev.memkit.core.port.in;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.model.Limits;
import java.util.Locale;

/** How an import treats the data already in a namespace. */
public enum ImportMode {
  /** Keep what is there; imported records replace those with the same key or id. */
  MERGE,
  /** Remove every state entry, memory and goal of each imported namespace first. */
  REPLACE;

  /** The mode as requests name it: {@code merge} or {@code replace}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode named {@code text} ({@code merge} or {@code replace}); absent is {@link #MERGE}.
   *
   * @throws ValidationException naming {@code field} and the allowed values when it is neither
   */
  public static ImportMode parse(String text, String field) {
    if (text == null) {
      return MERGE;
    }
    for (ImportMode mode : values()) {
      if (mode.wireName().equals(text)) {
        return mode;
      }
    }
    throw new ValidationException(field, "must be merge or replace: '" + Limits.clip(text) + "'");
  }
}
