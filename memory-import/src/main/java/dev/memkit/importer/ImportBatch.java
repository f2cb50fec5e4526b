package dev.memkit.importer;

import dev.memkit.core.port.in.AddMemory;
import java.util.List;
import java.util.Objects;

/**
 * What a file held: the memories read from its valid lines and its invalid lines, both in file
 * order. Reading writes nothing.
 */
public record ImportBatch(
    ImportFormat format, List<ImportedMemory> memories, List<InvalidLine> invalidLines) {
  /** Copies the lists. */
  public ImportBatch {
    Objects.requireNonNull(format, "format");
    memories = List.copyOf(memories);
    invalidLines = List.copyOf(invalidLines);
  }

  /** The commands to store, in file order. */
  public List<AddMemory> commands() {
    return memories.stream().map(ImportedMemory::memory).toList();
  }

  /**
   * Checks the file may be imported: it has no invalid line, or {@code skipInvalid} says to skip
   * them.
   *
   * @throws InvalidImportException listing the invalid lines otherwise
   */
  public ImportBatch requireValid(boolean skipInvalid) {
    if (!invalidLines.isEmpty() && !skipInvalid) {
      throw new InvalidImportException(format, invalidLines);
    }
    return this;
  }
}
