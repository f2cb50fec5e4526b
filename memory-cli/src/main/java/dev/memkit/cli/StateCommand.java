package dev.memkit.cli;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.DeleteState;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.SetState;
import dev.memkit.jackson.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memkit state …}: named JSON values with versions. */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    description = "Named JSON values of the namespace: set, get, patch, delete, list.",
    subcommands = {
      StateCommand.Set.class,
      StateCommand.Get.class,
      StateCommand.Patch.class,
      StateCommand.Delete.class,
      StateCommand.ListEntries.class
    })
final class StateCommand {

  /** Options shared by the writes: compare-and-set. */
  abstract static class Write extends Action {
    @Option(
        names = "--if-version",
        paramLabel = "N",
        description =
            "Write only if the entry has version N (0: only if it does not exist yet); else exit 4.")
    Long ifVersion;

    OptionalLong expected() {
      return ifVersion == null ? OptionalLong.empty() : OptionalLong.of(ifVersion);
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description =
          "Sets KEY to VALUE: JSON when it parses as JSON (42, true, {\"a\":1}, \"quoted\"), else the text as a string.")
  static final class Set extends Write {
    @Parameters(index = "0", paramLabel = "KEY", description = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")
    String key;

    @Parameters(
        index = "1",
        paramLabel = "VALUE",
        description = "The value; - reads it from standard input.")
    String value;

    @Option(
        names = "--string",
        description = "Store VALUE as a string even when it parses as JSON.")
    boolean string;

    @Override
    void run(Printer out) {
      StateKey k = StateKey.of(key);
      String text = textOrStdin(value, "value");
      JsonValue parsed = string ? JsonValue.of(text) : jsonOrString(text);
      JsonObject entry = backend().stateSet(new SetState(k, parsed, expected()));
      printEntry(out, entry);
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description =
          "Prints the value of KEY: a string as it is, anything else as JSON. Exit 1 when unset.")
  static final class Get extends Action {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Override
    void run(Printer out) {
      JsonObject entry = backend().stateGet(StateKey.of(key));
      if (out.json()) {
        out.json(entry);
      } else {
        JsonValue value = entry.get("value").orElse(JsonValue.NULL);
        out.line(value instanceof JsonValue.JsonString s ? s.value() : JsonWriter.pretty(value));
      }
    }
  }

  @Command(
      name = "patch",
      mixinStandardHelpOptions = true,
      description =
          "Applies a JSON merge patch (RFC 7386) to the value of KEY; an unset KEY counts as absent.")
  static final class Patch extends Write {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(
        index = "1",
        paramLabel = "PATCH",
        description = "JSON; - reads it from standard input.")
    String patch;

    @Override
    void run(Printer out) {
      StateKey k = StateKey.of(key);
      JsonValue parsed = JsonText.parse(textOrStdin(patch, "patch"), "patch");
      printEntry(out, backend().statePatch(new PatchState(k, parsed, expected())));
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes KEY. Exit 1 when unset.")
  static final class Delete extends Write {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Override
    void run(Printer out) {
      StateKey k = StateKey.of(key);
      backend().stateDelete(new DeleteState(k, expected()));
      if (out.json()) {
        out.json(JsonValue.objectBuilder().put("deleted", k.value()).build());
      } else {
        out.line("Deleted state " + k);
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Lists the entries whose key starts with PREFIX (all without it), in key order.")
  static final class ListEntries extends Action {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX")
    String prefix;

    @Override
    void run(Printer out) {
      List<JsonObject> entries = backend().stateList(prefix == null ? "" : prefix);
      if (out.json()) {
        out.json(JsonValue.objectBuilder().put("items", JsonValue.array(entries)).build());
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonObject e : entries) {
        rows.add(
            List.of(
                Printer.field(e, "key"),
                Printer.field(e, "version"),
                Printer.minute(e, "updated_at"),
                Printer.cell(Printer.field(e, "value"), Printer.CELL_MAX)));
      }
      out.table(List.of("KEY", "VERSION", "UPDATED", "VALUE"), rows, "No state entries.");
    }
  }

  /** JSON when {@code text} parses as one JSON value, else {@code text} as a string. */
  static JsonValue jsonOrString(String text) {
    try {
      return JsonText.parse(text, "value");
    } catch (ValidationException notJson) {
      if (notJson.rule().startsWith("must nest")) {
        throw notJson;
      }
      return JsonValue.of(text);
    }
  }

  static void printEntry(Printer out, JsonObject entry) {
    if (out.json()) {
      out.json(entry);
    } else {
      out.line(
          Printer.field(entry, "key")
              + " = "
              + Printer.cell(
                  JsonWriter.compact(entry.get("value").orElse(JsonValue.NULL)), Printer.CELL_MAX)
              + " (version "
              + Printer.field(entry, "version")
              + ")");
    }
  }

  StateCommand() {}
}
