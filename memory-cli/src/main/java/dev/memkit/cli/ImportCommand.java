package dev.memkit.cli;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.port.in.ImportMode;
import dev.memkit.jackson.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memkit import FILE [--replace]}: loads an export document. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Imports an export document into the namespaces it names, in one atomic write: "
        + "merging by default, or replacing each namespace's data with --replace.")
final class ImportCommand extends Action {
  @Parameters(index = "0", paramLabel = "FILE", description = "The export document; - reads it from standard input.")
  String file;

  @Option(names = "--replace", description = "Remove the data of each imported namespace first.")
  boolean replace;

  @Override
  void run(Printer out) {
    JsonValue document = JsonText.parse(fileOrStdin(file, "file"), "file");
    JsonObject report = backend().importDocument(document, replace ? ImportMode.REPLACE : ImportMode.MERGE);
    if (out.json()) {
      out.json(report);
      return;
    }
    String names = report.get("namespaces").map(v -> v instanceof JsonValue.JsonArray a
        ? String.join(", ", a.values().stream().map(Printer::bare).toList()) : Printer.bare(v)).orElse("");
    out.line("Imported " + Printer.field(report, "state") + " state entries, " + Printer.field(report, "memories")
        + " memories, " + Printer.field(report, "goals") + " goals into " + (names.isEmpty() ? "no namespace" : names)
        + (replace ? " (replaced)" : " (merged)"));
  }
}
