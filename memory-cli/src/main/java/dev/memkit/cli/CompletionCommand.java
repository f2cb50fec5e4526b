package dev.memkit.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code memkit completion}: a bash completion script, which zsh runs too (with bashcompinit). */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a completion script for bash and zsh.",
      "Install it with:",
      "  bash: source <(memkit completion)      (or save it in ~/.local/share/bash-completion/completions/memkit)",
      "  zsh:  autoload -U +X compinit && compinit; autoload -U +X bashcompinit && bashcompinit; source <(memkit completion)"
    })
final class CompletionCommand extends Action {
  @Override
  void run(Printer out) {
    out.raw(AutoComplete.bash("memkit", spec.root().commandLine()));
  }
}
