package dev.memkit.importer;

import dev.memkit.core.error.ValidationException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An import file has invalid lines and invalid lines were not to be skipped: nothing was written.
 * The message lists the first {@value #LISTED} of them with their line numbers.
 */
public final class InvalidImportException extends ValidationException {
  /** How many invalid lines the message lists. */
  public static final int LISTED = 20;

  private static final long serialVersionUID = 1L;
  private final transient List<InvalidLine> invalidLines;

  /** Reports {@code invalidLines} (at least one) of a file in {@code format}. */
  public InvalidImportException(ImportFormat format, List<InvalidLine> invalidLines) {
    super("file", describe(format, invalidLines));
    this.invalidLines = List.copyOf(invalidLines);
  }

  /** Every invalid line, in file order. */
  public List<InvalidLine> invalidLines() {
    return invalidLines;
  }

  private static String describe(ImportFormat format, List<InvalidLine> lines) {
    String listed =
        lines.stream().limit(LISTED).map(InvalidLine::toString).collect(Collectors.joining("; "));
    return "has "
        + lines.size()
        + " invalid "
        + (lines.size() == 1 ? "line" : "lines")
        + " for format "
        + format.id()
        + " ("
        + listed
        + (lines.size() > LISTED ? "; …" : "")
        + "); nothing was imported (skip them with --skip-invalid)";
  }
}
