package dev.memkit.cli;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.port.in.ImportDocument;
import dev.memkit.core.port.in.ImportMode;
import dev.memkit.importer.ImportBatch;
import dev.memkit.importer.ImportFormat;
import dev.memkit.importer.InvalidLine;
import dev.memkit.importer.MemoryImporter;
import dev.memkit.jackson.JsonText;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memkit import FILE [--replace]}: loads an export document; {@code memkit import --from
 * FORMAT FILE [--skip-invalid]}: imports the memories of another tool's file.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports an export document into the namespaces it names, in one atomic write: "
          + "merging by default, or replacing each namespace's data with --replace.",
      "With --from, imports the memories of another tool's file into the namespace in use instead: "
          + "every line is checked first, and a file with an invalid line imports nothing unless --skip-invalid; "
          + "importing the same file again adds nothing."
    })
final class ImportCommand extends Action {
  static final String EXPORT_FORMAT = "memkit";

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The file to import; - reads it from standard input.")
  String file;

  @Option(
      names = "--replace",
      description = "Remove the data of each imported namespace first (export documents only).")
  boolean replace;

  @Option(
      names = "--from",
      paramLabel = "FORMAT",
      defaultValue = EXPORT_FORMAT,
      description =
          "The file's format: memkit (an export document, the default), mcp-memory (the MCP reference "
              + "memory server's memory.jsonl), jsonl or csv (records of text, tags, created_at, kind, metadata).")
  String from;

  @Option(
      names = "--skip-invalid",
      description =
          "With --from: import the valid lines and list the invalid ones, "
              + "instead of importing nothing.")
  boolean skipInvalid;

  @Override
  void run(Printer out) {
    if (EXPORT_FORMAT.equals(from)) {
      if (skipInvalid) {
        throw new UsageException("--skip-invalid applies to --from mcp-memory, jsonl or csv only");
      }
      importDocument(out);
      return;
    }
    if (replace) {
      throw new UsageException("--replace applies to export documents only, not to --from " + from);
    }
    ImportFormat format = ImportFormat.parse(from);
    ImportBatch batch =
        MemoryImporter.read(format, fileOrStdin(file, "file")).requireValid(skipInvalid);
    List<Backend.Added> results = backend().memoryAddAll(batch.commands());
    int added = (int) results.stream().filter(Backend.Added::created).count();
    if (out.json()) {
      out.json(
          JsonValue.objectBuilder()
              .put("format", format.id())
              .put("added", added)
              .put("existing", results.size() - added)
              .put(
                  "skipped",
                  JsonValue.array(
                      batch.invalidLines().stream()
                          .map(
                              l ->
                                  JsonValue.objectBuilder()
                                      .put("line", l.line())
                                      .put("reason", l.reason())
                                      .build())
                          .toList()))
              .build());
      return;
    }
    out.line(
        "Imported "
            + ("-".equals(file) ? "standard input" : file)
            + " ("
            + format.id()
            + "): "
            + added
            + " added, "
            + (results.size() - added)
            + " already present, "
            + batch.invalidLines().size()
            + " invalid lines skipped");
    for (InvalidLine line : batch.invalidLines()) {
      out.line("  skipped " + line);
    }
  }

  private void importDocument(Printer out) {
    JsonValue document = JsonText.parse(fileOrStdin(file, "file"), "file");
    JsonObject report =
        backend()
            .importDocument(
                new ImportDocument(document, replace ? ImportMode.REPLACE : ImportMode.MERGE));
    if (out.json()) {
      out.json(report);
      return;
    }
    String names =
        report
            .get("namespaces")
            .map(
                v ->
                    v instanceof JsonValue.JsonArray a
                        ? String.join(", ", a.values().stream().map(Printer::bare).toList())
                        : Printer.bare(v))
            .orElse("");
    out.line(
        "Imported "
            + Printer.field(report, "state")
            + " state entries, "
            + Printer.field(report, "memories")
            + " memories, "
            + Printer.field(report, "goals")
            + " goals into "
            + (names.isEmpty() ? "no namespace" : names)
            + (replace ? " (replaced)" : " (merged)"));
  }
}
