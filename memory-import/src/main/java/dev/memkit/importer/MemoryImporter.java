package dev.memkit.importer;

import dev.memkit.core.Space;
import dev.memkit.core.port.in.MemoryAdded;
import java.util.List;
import java.util.Objects;

/**
 * Imports memories written by other tools into a namespace:
 *
 * <pre>{@code
 * ImportResult result = MemoryImporter.importInto(memkit.space("default"), ImportFormat.MCP_MEMORY,
 *     Files.readAllBytes(Path.of("memory.jsonl")), false);
 * }</pre>
 *
 * <p>The whole file is read and checked before anything is written. Every memory carries the tag
 * {@code source:<format>} and a client key derived from its format and content ({@code
 * import:<sha-256>}), and all are stored in one atomic write through {@link
 * dev.memkit.core.port.in.MemoryUseCase#addAll}: so importing the same file again adds nothing, and
 * an import that fails writes nothing.
 */
public final class MemoryImporter {
  private MemoryImporter() {}

  /**
   * Reads {@code file} (UTF-8) in {@code format}, writing nothing.
   *
   * @throws dev.memkit.core.error.ValidationException when the file is not UTF-8 text, or (an
   *     {@link InvalidImportException}) when a CSV header is wrong or a quoted field never closes
   */
  public static ImportBatch read(ImportFormat format, byte[] file) {
    Objects.requireNonNull(format, "format");
    String text = Lines.decode(Objects.requireNonNull(file, "file"));
    return switch (format) {
      case MCP_MEMORY -> McpMemoryReader.read(text);
      case JSONL -> JsonLinesReader.read(text);
      case CSV -> CsvReader.read(text);
    };
  }

  /**
   * Reads {@code file} in {@code format} and stores its memories in {@code space}'s namespace.
   *
   * @param skipInvalid leave invalid lines out; when false a file with one invalid line imports
   *     nothing
   * @throws InvalidImportException listing the invalid lines, when there are any and {@code
   *     skipInvalid} is false
   */
  public static ImportResult importInto(
      Space space, ImportFormat format, byte[] file, boolean skipInvalid) {
    Objects.requireNonNull(space, "space");
    ImportBatch batch = read(format, file).requireValid(skipInvalid);
    return store(space, batch);
  }

  /**
   * Stores the memories of an already read {@code batch} in {@code space}'s namespace, in one
   * atomic write.
   */
  public static ImportResult store(Space space, ImportBatch batch) {
    List<MemoryAdded> added = space.memories().addAll(batch.commands());
    int created = (int) added.stream().filter(MemoryAdded::created).count();
    return new ImportResult(batch.format(), created, added.size() - created, batch.invalidLines());
  }
}
