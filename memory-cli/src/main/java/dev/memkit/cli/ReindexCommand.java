package dev.memkit.cli;

import dev.memkit.core.json.JsonValue;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memkit reindex}: embeds, in the foreground, every memory of the local store that has no
 * vector of the current model yet, with a progress bar on standard error (with {@code --json}:
 * progress lines {@code {"done":n,"total":n}} on standard output, then the result).
 */
@Command(
    name = "reindex",
    mixinStandardHelpOptions = true,
    description =
        "Embeds the memories that lack a vector of the current embedding model (all of them with --all), "
            + "in the foreground with progress. A server does this in the background by itself.",
    footer = {
      "",
      "With --json: one {\"done\",\"total\"} line per step, then {\"embedded\",\"total\",\"model\"}."
    })
final class ReindexCommand extends Action {
  private static final int BAR_WIDTH = 30;
  private static final long MIN_NANOS_BETWEEN_LINES = 200_000_000L;

  @Option(
      names = "--all",
      description = "Embed every memory again, not only those without a current vector.")
  boolean all;

  @Override
  boolean usesMeaning() {
    return true;
  }

  @Override
  void run(Printer out) {
    PrintWriter err = spec.commandLine().getErr();
    long[] last = {0, -1};
    JsonValue.JsonObject result =
        backend()
            .reindex(
                all,
                (done, total) -> {
                  long now = System.nanoTime();
                  boolean finished = done >= total;
                  if (!finished && now - last[0] < MIN_NANOS_BETWEEN_LINES
                      || done == last[1] && !finished) {
                    return;
                  }
                  last[0] = now;
                  last[1] = done;
                  if (out.json()) {
                    out.line(
                        JsonValue.objectBuilder()
                            .put("done", done)
                            .put("total", total)
                            .build()
                            .toJson());
                  } else {
                    err.print("\r" + bar(done, total));
                    err.flush();
                  }
                });
    if (out.json()) {
      out.line(result.toJson());
    } else {
      err.println();
      out.line(
          "Embedded "
              + result.get("embedded").map(JsonValue::toString).orElse("0")
              + " memories with "
              + result.string("model").orElse("?")
              + "; "
              + result.get("total").map(JsonValue::toString).orElse("0")
              + " have a current vector.");
    }
  }

  static String bar(long done, long total) {
    int filled = total <= 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
    int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    return "["
        + "#".repeat(filled)
        + " ".repeat(BAR_WIDTH - filled)
        + "] "
        + done
        + "/"
        + total
        + " ("
        + percent
        + "%)";
  }
}
