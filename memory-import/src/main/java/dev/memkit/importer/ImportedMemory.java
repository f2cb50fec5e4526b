package dev.memkit.importer;

import dev.memkit.core.port.in.AddMemory;
import java.util.Objects;

/**
 * A memory read from an import file, with its client key already set.
 *
 * @param line the line of the file it was read from, counting from 1
 */
public record ImportedMemory(int line, AddMemory memory) {
  /** Rejects a line below 1 or a memory without a key. */
  public ImportedMemory {
    if (line < 1) {
      throw new IllegalArgumentException("line must be at least 1, got " + line);
    }
    Objects.requireNonNull(memory, "memory");
    if (memory.key().isEmpty()) {
      throw new IllegalArgumentException("an imported memory has a key");
    }
  }
}
