package dev.memkit.core.port.in;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Namespace;
import java.util.List;

/**
 * Export and import of namespaces as one versioned JSON document: {@code
 * {"format":"memkit-export","version":1,"exported_at":…,"namespaces":[…]}}. This is also how data
 * moves between stores.
 */
public interface TransferUseCase {
  /** The export document of the namespaces {@code query} names. */
  JsonValue.JsonObject export(ExportNamespaces query);

  /**
   * Imports an export document, in one atomic write. Ids are kept where they are free.
   *
   * @throws dev.memkit.core.error.ValidationException naming the offending field when the document
   *     is not a valid export (nothing is imported then)
   */
  ImportReport importDocument(ImportDocument command);

  /**
   * The namespaces an export document would write to, in document order, having checked the whole
   * document as {@link #importDocument} does; lets a caller refuse an import that reaches beyond
   * what it may touch before anything is written.
   *
   * @throws dev.memkit.core.error.ValidationException naming the offending field when the document
   *     is not a valid export
   */
  List<Namespace> namespacesOf(JsonValue document);
}
