package dev.memkit.cli;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.port.in.SaveSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memkit snapshot …}: session snapshots, memories of kind {@code snapshot}. */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description =
        "Session snapshots: a summary written at the end of a session, with optional data.",
    subcommands = {
      SnapshotCommand.Save.class,
      SnapshotCommand.ListSnapshots.class,
      SnapshotCommand.Latest.class
    })
final class SnapshotCommand {

  @Command(
      name = "save",
      mixinStandardHelpOptions = true,
      description = "Saves a snapshot with SUMMARY.")
  static final class Save extends Action {
    @Parameters(
        index = "0",
        paramLabel = "SUMMARY",
        description = "The summary; - reads it from standard input.")
    String summary;

    @Option(
        names = "--data",
        paramLabel = "JSON",
        description = "Structured data: a JSON object, kept as the memory's metadata.")
    String data;

    @Option(
        names = {"-t", "--tag"},
        paramLabel = "TAG",
        description = "A tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Override
    void run(Printer out) {
      String text = textOrStdin(summary, "summary");
      JsonObject object = data == null ? JsonValue.emptyObject() : jsonObject(data, "data");
      JsonObject memory =
          backend().snapshotSave(new SaveSnapshot(text, object, MemoryCommand.tagList(tags)));
      if (out.json()) {
        out.json(memory);
      } else {
        out.line("Saved snapshot " + Printer.field(memory, "id"));
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists snapshots, newest first.")
  static final class ListSnapshots extends Action {
    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "Page size, 1..100 (default: ${DEFAULT-VALUE}).",
        defaultValue = "20")
    int limit;

    @Option(
        names = "--cursor",
        paramLabel = "CURSOR",
        description = "Continue after a previous page.")
    String cursor;

    @Override
    void run(Printer out) {
      MemoryCommand.printPage(
          out,
          backend()
              .snapshotList(
                  new dev.memkit.core.port.in.ListSnapshots(Optional.ofNullable(cursor), limit)),
          "No snapshots.");
    }
  }

  @Command(
      name = "latest",
      mixinStandardHelpOptions = true,
      description = "Shows the newest snapshot. Exit 1 when there is none.")
  static final class Latest extends Action {
    @Override
    void run(Printer out) {
      MemoryCommand.printMemory(out, backend().snapshotLatest());
    }
  }

  SnapshotCommand() {}
}
