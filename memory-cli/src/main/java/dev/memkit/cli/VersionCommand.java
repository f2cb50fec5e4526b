package dev.memkit.cli;

import dev.memkit.core.Memkit;
import dev.memkit.core.json.JsonValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code memkit version}: the version of memkit. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Prints memkit's version.")
final class VersionCommand extends Action {
  @Override
  void run(Printer out) {
    if (out.json()) {
      out.json(JsonValue.objectBuilder().put("version", Memkit.version()).build());
    } else {
      out.line("memkit " + Memkit.version());
    }
  }

  /** The version {@code --version} prints. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"memkit " + Memkit.version()};
    }
  }
}
