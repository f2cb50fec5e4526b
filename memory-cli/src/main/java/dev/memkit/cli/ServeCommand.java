package dev.memkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code memkit serve}: the HTTP server is its own program; the {@code bin/memkit} launcher starts
 * it. Run from this jar directly, the command says so.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Starts the HTTP server. Handled by the bin/memkit launcher, which runs memory-http's memkit-server.jar "
            + "(configured by MEMKIT_PORT, MEMKIT_HOST, MEMKIT_STORE, MEMKIT_API_KEY…).")
final class ServeCommand extends Action {
  @Parameters(arity = "0..*", paramLabel = "ARG", description = "Passed to the server.")
  java.util.List<String> args;

  @Override
  void run(Printer out) {
    throw new UsageException(
        "serve is started by the bin/memkit launcher (it runs memory-http/target/memkit-server.jar); "
            + "this jar holds only the command line");
  }
}
