package dev.memkit.cli;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.json.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memkit export [FILE]}: the namespace (or every namespace) as one export document. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Writes the namespace's data as one export document ({\"format\":\"memkit-export\",\"version\":1,…}) "
            + "to FILE, or to standard output without FILE or with -.")
final class ExportCommand extends Action {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE")
  String file;

  @Option(names = "--all", description = "Export every namespace (remotely: needs an admin key).")
  boolean all;

  @Override
  void run(Printer out) {
    JsonObject document = backend().exportDocument(all);
    String text = JsonWriter.pretty(document) + "\n";
    if (file == null || "-".equals(file)) {
      out.raw(text);
      return;
    }
    Path target;
    try {
      target = Path.of(file).toAbsolutePath();
      Path temp = Files.createTempFile(target.getParent(), ".memkit-export-", ".tmp");
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException | RuntimeException e) {
      throw new ValidationException(
          "file",
          "cannot be written: '"
              + file
              + "' ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")");
    }
    List<String> names = new ArrayList<>();
    document
        .get("namespaces")
        .filter(JsonValue.JsonArray.class::isInstance)
        .ifPresent(
            a -> {
              for (JsonValue ns : ((JsonValue.JsonArray) a).values()) {
                if (ns instanceof JsonObject o) {
                  names.add(o.string("namespace").orElse("?"));
                }
              }
            });
    if (out.json()) {
      out.json(
          JsonValue.objectBuilder()
              .put("file", target.toString())
              .putStrings("namespaces", names)
              .build());
    } else {
      out.line(
          "Exported "
              + names.size()
              + (names.size() == 1 ? " namespace" : " namespaces")
              + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")")
              + " to "
              + file);
    }
  }
}
