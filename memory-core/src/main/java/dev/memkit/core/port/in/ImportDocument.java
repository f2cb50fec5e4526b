package dev.memkit.core.port.in;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Limits;

/**
 * An export document to import, and how to treat the data already there.
 *
 * @param document a {@code memkit-export} document, as {@link TransferUseCase#export} gives it
 */
public record ImportDocument(JsonValue document, ImportMode mode) {
  /** Checks the parts are present (the document itself is checked by the import). */
  public ImportDocument {
    Limits.required(document, "document");
    Limits.required(mode, "mode");
  }

  /** Imports {@code document}, merging into what is there. */
  public static ImportDocument merge(JsonValue document) {
    return new ImportDocument(document, ImportMode.MERGE);
  }
}
