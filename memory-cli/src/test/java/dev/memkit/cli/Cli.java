package dev.memkit.cli;

import dev.memkit.core.Memkit;
import dev.memkit.core.json.JsonValue;
import dev.memkit.jackson.JsonText;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Runs {@code memkit} in-process through {@link CommandLine#execute}, capturing both outputs: one
 * store (by URI) and one environment shared by every run.
 */
final class Cli implements AutoCloseable {
  /** The store kinds in-process tests run on: both durable stores. */
  static List<String> storeKinds() {
    return List.of("sqlite", "json");
  }

  /** What one run printed and returned. */
  record Result(int code, String out, String err) {
    /** The standard output parsed as one JSON value. */
    JsonValue json() {
      return JsonText.parse(out, "stdout");
    }

    /** A member of the JSON object printed. */
    JsonValue get(String name) {
      return ((JsonValue.JsonObject) json()).members().get(name);
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private final Map<String, String> environment = new HashMap<>();
  private final Function<String, Memkit> opener;
  private final boolean ownsStore;
  private Memkit shared;

  private Cli(Function<String, Memkit> opener, boolean ownsStore) {
    this.opener = opener;
    this.ownsStore = ownsStore;
    environment.put("MEMKIT_EMBEDDER", "none"); // keyword search unless a test asks for the model
  }

  /**
   * A command line on a new store of {@code kind} in {@code dir}: {@code sqlite}, {@code json} or
   * {@code mem}.
   */
  static Cli on(String kind, Path dir) {
    String uri =
        switch (kind) {
          case "sqlite" -> "sqlite:" + dir.resolve("memkit.db");
          case "json" -> "json:" + dir.resolve("memkit");
          case "mem" -> "mem:test";
          default -> throw new IllegalArgumentException(kind);
        };
    Cli cli;
    if (kind.equals("mem")) {
      // An in-memory store lives as long as it is open: one instance serves every run.
      Cli[] self = new Cli[1];
      cli =
          new Cli(
              u -> {
                if (self[0].shared == null) {
                  self[0].shared = Memkit.open(u);
                }
                return self[0].shared;
              },
              false);
      self[0] = cli;
    } else {
      cli = new Cli(null, true);
    }
    cli.environment.put("MEMKIT_STORE", uri);
    return cli;
  }

  /** A command line with no store configured (remote tests set MEMKIT_URL or pass --url). */
  static Cli bare() {
    return new Cli(null, true);
  }

  Cli env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  Result run(String... args) {
    return input("", args);
  }

  Result input(String stdin, String... args) {
    MemkitCli app =
        new MemkitCli(
            environment,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            opener,
            ownsStore);
    CommandLine cmd = app.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs and requires exit code 0, returning standard output. */
  String ok(String... args) {
    Result r = run(args);
    if (r.code() != 0) {
      throw new AssertionError("memkit " + String.join(" ", args) + " failed: " + r);
    }
    return r.out();
  }

  @Override
  public void close() {
    if (shared != null) {
      shared.close();
    }
  }
}
