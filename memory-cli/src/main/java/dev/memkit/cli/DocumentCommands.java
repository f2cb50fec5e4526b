package dev.memkit.cli;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.json.JsonWriter;
import java.util.OptionalLong;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The show and patch commands of the well-known documents ({@code profile}, {@code working}). */
final class DocumentCommands {

  /** Prints the document. */
  abstract static class Show extends Action {
    abstract Backend.Document document();

    @Override
    void run(Printer out) {
      JsonObject entry = backend().document(document());
      if (out.json()) {
        out.json(entry);
      } else {
        out.line(JsonWriter.pretty(entry.get("value").orElse(JsonValue.NULL)));
      }
    }
  }

  /** Merge-patches the document. */
  abstract static class Patch extends Action {
    @Parameters(
        index = "0",
        paramLabel = "PATCH",
        description =
            "A JSON object merged in (RFC 7386: null removes a member); - reads it from standard input.")
    String patch;

    @Option(
        names = "--if-version",
        paramLabel = "N",
        description = "Patch only if the document has version N; else exit 4.")
    Long ifVersion;

    abstract Backend.Document document();

    @Override
    void run(Printer out) {
      JsonObject object = jsonObject(textOrStdin(patch, "patch"), "patch");
      JsonObject entry =
          backend()
              .documentPatch(
                  document(),
                  object,
                  ifVersion == null ? OptionalLong.empty() : OptionalLong.of(ifVersion));
      if (out.json()) {
        out.json(entry);
      } else {
        out.line(JsonWriter.pretty(entry.get("value").orElse(JsonValue.NULL)));
      }
    }
  }

  private DocumentCommands() {}
}
