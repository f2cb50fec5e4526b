package dev.memkit.cli;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code memkit backup …}: backups of the whole store (every namespace). */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = "Backups of the whole store, every namespace (remotely: needs an admin key).",
    subcommands = {
      BackupCommand.Create.class,
      BackupCommand.ListBackups.class,
      BackupCommand.Restore.class
    })
final class BackupCommand {

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Takes a backup now.")
  static final class Create extends Action {
    @Override
    void run(Printer out) {
      JsonObject backup = backend().backupCreate();
      if (out.json()) {
        out.json(backup);
      } else {
        out.line(
            "Created backup "
                + Printer.field(backup, "id")
                + " ("
                + Printer.field(backup, "size_bytes")
                + " bytes)");
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the backups held, newest first.")
  static final class ListBackups extends Action {
    @Override
    void run(Printer out) {
      List<JsonObject> backups = backend().backupList();
      if (out.json()) {
        out.json(JsonValue.objectBuilder().put("items", JsonValue.array(backups)).build());
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonObject b : backups) {
        rows.add(
            List.of(
                Printer.field(b, "id"),
                Printer.field(b, "created_at"),
                Printer.field(b, "size_bytes"),
                Printer.field(b, "reason")));
      }
      out.table(List.of("ID", "CREATED", "BYTES", "REASON"), rows, "No backups.");
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description =
          "Restores backup ID, after backing up the current data (so the restore can be undone).")
  static final class Restore extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    void run(Printer out) {
      JsonObject result = backend().backupRestore(id);
      if (out.json()) {
        out.json(result);
        return;
      }
      JsonValue safety = result.get("safety_backup").orElse(JsonValue.NULL);
      String safetyId = safety instanceof JsonObject o ? Printer.field(o, "id") : "-";
      out.line(
          "Restored backup "
              + id
              + "; the data before it is in backup "
              + safetyId
              + " ('memkit backup restore "
              + safetyId
              + "' undoes this)");
    }
  }

  BackupCommand() {}
}
