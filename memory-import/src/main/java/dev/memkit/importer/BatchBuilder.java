package dev.memkit.importer;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.port.in.AddMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Collects the memories and invalid lines of one file as a reader finds them. */
final class BatchBuilder {
  /** Reads one line's memory; throws {@link ValidationException} when the line holds none. */
  interface LineReader {
    AddMemory read();
  }

  private final ImportFormat format;
  private final List<ImportedMemory> memories = new ArrayList<>();
  private final List<InvalidLine> invalid = new ArrayList<>();

  BatchBuilder(ImportFormat format) {
    this.format = format;
  }

  /** Adds the memory of line {@code line}, or the reason it has none. */
  void add(int line, LineReader reader) {
    try {
      AddMemory memory = reader.read();
      memories.add(
          new ImportedMemory(
              line, Lines.keyed(format, memory.withTags(Lines.withSource(format, memory.tags())))));
    } catch (ValidationException e) {
      invalid.add(new InvalidLine(line, e.getMessage()));
    }
  }

  /** Records that line {@code line} is invalid. */
  void invalid(int line, String reason) {
    invalid.add(new InvalidLine(line, reason));
  }

  /**
   * Reads {@code text} one line at a time in {@code format}: blank lines are skipped, every other
   * line is given to {@code reader}, whose memory or error is recorded under the line's number.
   */
  static ImportBatch eachLine(
      ImportFormat format, String text, Function<String, AddMemory> reader) {
    BatchBuilder batch = new BatchBuilder(format);
    List<String> lines = Lines.split(text);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank()) {
        batch.add(i + 1, () -> reader.apply(line));
      }
    }
    return batch.build();
  }

  ImportBatch build() {
    return new ImportBatch(format, memories, invalid);
  }
}
