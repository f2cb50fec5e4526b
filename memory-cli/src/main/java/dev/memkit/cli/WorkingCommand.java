package dev.memkit.cli;

import picocli.CommandLine.Command;

/**
 * {@code memkit working show|patch}: the working-memory document (state key {@code
 * working_memory}).
 */
@Command(
    name = "working",
    mixinStandardHelpOptions = true,
    description =
        "The assistant's working memory: a JSON object kept as state key 'working_memory'.",
    subcommands = {WorkingCommand.Show.class, WorkingCommand.Patch.class})
final class WorkingCommand {

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Prints the working memory. Exit 1 when it is not set.")
  static final class Show extends DocumentCommands.Show {
    @Override
    Backend.Document document() {
      return Backend.Document.WORKING_MEMORY;
    }
  }

  @Command(
      name = "patch",
      mixinStandardHelpOptions = true,
      description = "Merges PATCH into the working memory (created when absent).")
  static final class Patch extends DocumentCommands.Patch {
    @Override
    Backend.Document document() {
      return Backend.Document.WORKING_MEMORY;
    }
  }

  WorkingCommand() {}
}
