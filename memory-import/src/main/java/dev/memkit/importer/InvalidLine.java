package dev.memkit.importer;

import java.util.Objects;

/**
 * A line of an import file that holds no valid memory.
 *
 * @param line its number, counting from 1
 * @param reason what is wrong with it, naming the field and the rule
 */
public record InvalidLine(int line, String reason) {
  /** Rejects a line below 1 or a missing reason. */
  public InvalidLine {
    if (line < 1) {
      throw new IllegalArgumentException("line must be at least 1, got " + line);
    }
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return "line " + line + ": " + reason;
  }
}
