package dev.memkit.importer;

import java.util.List;
import java.util.Objects;

/**
 * What an import did.
 *
 * @param added memories stored now
 * @param existing memories already stored by an earlier import (or repeated in the file), not
 *     stored again
 * @param skipped invalid lines left out
 */
public record ImportResult(
    ImportFormat format, int added, int existing, List<InvalidLine> skipped) {
  /** Checks the counts and copies the list. */
  public ImportResult {
    Objects.requireNonNull(format, "format");
    if (added < 0 || existing < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    skipped = List.copyOf(skipped);
  }
}
