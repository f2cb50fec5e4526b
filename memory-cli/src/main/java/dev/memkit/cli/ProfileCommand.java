package dev.memkit.cli;

import picocli.CommandLine.Command;

/** {@code memkit profile show|patch}: the user's profile document (state key {@code profile}). */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = "The user's profile: a JSON object kept as state key 'profile'.",
    subcommands = {ProfileCommand.Show.class, ProfileCommand.Patch.class})
final class ProfileCommand {

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Prints the profile. Exit 1 when it is not set.")
  static final class Show extends DocumentCommands.Show {
    @Override
    Backend.Document document() {
      return Backend.Document.PROFILE;
    }
  }

  @Command(
      name = "patch",
      mixinStandardHelpOptions = true,
      description = "Merges PATCH into the profile (created when absent).")
  static final class Patch extends DocumentCommands.Patch {
    @Override
    Backend.Document document() {
      return Backend.Document.PROFILE;
    }
  }

  ProfileCommand() {}
}
