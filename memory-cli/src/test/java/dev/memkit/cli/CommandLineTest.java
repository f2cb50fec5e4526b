package dev.memkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What does not depend on a store: help, version, completion, usage errors and exit codes. */
class CommandLineTest {
  private final Cli cli = Cli.on("mem", null);

  @Test
  void everyCommandHasHelpListingTheExitCodes() {
    List<List<String>> paths = new ArrayList<>();
    collect(new MemkitCli().commandLine(), new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(35);
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      Cli.Result r = cli.run(args.toArray(String[]::new));
      assertThat(r.code()).as(String.join(" ", args)).isZero();
      assertThat(r.out())
          .as(String.join(" ", args))
          .startsWith("Usage: memkit")
          .contains("Exit codes:", "1   not found", "6   not authorised");
    }
  }

  private static void collect(CommandLine cmd, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    cmd.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, out);
              }
            });
  }

  @Test
  void topLevelHelpNamesGlobalOptionsCommandsAndEnvironment() {
    String help = cli.ok("--help");
    assertThat(help)
        .contains(
            "--store=URI",
            "--url=URL",
            "--api-key=KEY",
            "--namespace=NS",
            "--json",
            "state",
            "memory",
            "snapshot",
            "profile",
            "working",
            "goal",
            "context",
            "audit",
            "backup",
            "export",
            "import",
            "version",
            "completion",
            "MEMKIT_STORE",
            "MEMKIT_URL",
            "MEMKIT_API_KEY");
  }

  @Test
  void versionPrintsTheVersion() {
    assertThat(cli.ok("version")).isEqualTo("memkit " + Memkit.version() + "\n");
    assertThat(cli.run("version", "--json").get("version"))
        .isEqualTo(JsonValue.of(Memkit.version()));
    assertThat(cli.ok("--version")).isEqualTo("memkit " + Memkit.version() + "\n");
  }

  @Test
  void completionPrintsABashScriptThatBashLoadsAndThatCompletesCommands(@TempDir Path dir)
      throws Exception {
    String script = cli.ok("completion");
    assertThat(script)
        .startsWith("#!/usr/bin/env bash")
        .contains("_picocli_memkit_state_set", "--max-tokens");
    Path file = dir.resolve("memkit-completion.bash");
    Files.writeString(file, script);
    // Loads the script in a real bash and asks it to complete "memkit sta".
    String probe =
        "source '"
            + file
            + "' && complete -p memkit && COMP_WORDS=(memkit sta) && COMP_CWORD=1 "
            + "&& COMP_LINE='memkit sta' && COMP_POINT=10 && _complete_memkit && echo \"${COMPREPLY[@]}\"";
    Process bash = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
    String output =
        new String(bash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(bash.waitFor()).as(output).isZero();
    assertThat(output).contains("-F _complete_memkit memkit").endsWith("\nstate\n");
  }

  @Test
  void usageErrorsExitTwoWithOneLineOnStandardError() {
    String[][] usage = {
      {"bogus"},
      {"state"},
      {"state", "get"},
      {"state", "set", "k"},
      {"memory", "get", "abc"},
      {"memory", "list", "--limit", "many"},
      {"state", "get", "k", "--unknown-option"},
      {"--store", "mem:", "--url", "http://localhost:1", "state", "get", "k"},
      {"serve"},
    };
    for (String[] args : usage) {
      Cli.Result r = cli.run(args);
      assertThat(r.code()).as(String.join(" ", args) + " -> " + r).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).startsWith("memkit: ").hasLineCount(1);
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void aMistypedCommandOrOptionGetsASuggestion() {
    Cli.Result command = cli.run("stat", "get", "k");
    assertThat(command.code()).isEqualTo(2);
    assertThat(command.err()).contains("did you mean state?").hasLineCount(1);
    assertThat(cli.run("memory", "list", "--limt", "3").err()).contains("did you mean --limit?");
  }

  @Test
  void anUnknownStoreSchemeIsInvalidInputAndAnUnreadableStoreAStoreError() {
    Cli.Result unknown = Cli.bare().env("MEMKIT_STORE", "nosuch:x").run("state", "get", "k");
    assertThat(unknown.code()).isEqualTo(3);
    assertThat(unknown.err()).contains("no store on the classpath serves it");
    Cli.Result malformed = Cli.bare().run("--store", "not a uri", "state", "list");
    assertThat(malformed.code()).isEqualTo(3);
  }

  @Test
  void aRunBuildsOnlyTheCommandItNamesAndBehavesTheSame() {
    assertThat(
            MemkitCli.commandNamed(
                new String[] {"--store", "mem:", "-n", "state", "--json", "state", "get", "k"}))
        .contains("state");
    assertThat(MemkitCli.commandNamed(new String[] {"--store=mem:", "goal", "list"}))
        .contains("goal");
    assertThat(MemkitCli.commandNamed(new String[] {"--json"})).isEmpty();
    assertThat(MemkitCli.commandNamed(new String[] {"bogus", "state"})).isEmpty();
    CommandLine only =
        new MemkitCli(java.util.Map.of(), System.in).commandLine(java.util.Optional.of("state"));
    assertThat(only.getSubcommands()).containsOnlyKeys("state");
    assertThat(
            new MemkitCli(java.util.Map.of(), System.in)
                .commandLine(java.util.Optional.of("completion"))
                .getSubcommands())
        .containsKeys("state", "goal", "help");
  }

  @Test
  void theExitCodeMapperCoversEveryFailure() {
    assertThat(ExitCodes.of(new dev.memkit.core.error.NotFoundException("x"))).isEqualTo(1);
    assertThat(ExitCodes.of(new UsageException("x"))).isEqualTo(2);
    assertThat(ExitCodes.of(new dev.memkit.core.error.ValidationException("f", "r"))).isEqualTo(3);
    assertThat(ExitCodes.of(new dev.memkit.core.error.ConflictException("x"))).isEqualTo(4);
    assertThat(ExitCodes.of(new dev.memkit.core.error.StoreUnavailableException("x"))).isEqualTo(5);
    assertThat(ExitCodes.of(new IllegalStateException("x"))).isEqualTo(5);
    assertThat(ExitCodes.of(new RemoteFailure(401, "x"))).isEqualTo(6);
    assertThat(ExitCodes.of(new RemoteFailure(403, "x"))).isEqualTo(6);
    assertThat(ExitCodes.of(new RemoteFailure(404, "x"))).isEqualTo(1);
    assertThat(ExitCodes.of(new RemoteFailure(413, "x"))).isEqualTo(3);
    assertThat(ExitCodes.of(new RemoteFailure(415, "x"))).isEqualTo(3);
    assertThat(ExitCodes.of(new RemoteFailure(409, "x"))).isEqualTo(4);
    assertThat(ExitCodes.of(new RemoteFailure(500, "x"))).isEqualTo(5);
    assertThat(ExitCodes.of(new RemoteFailure(503, "x"))).isEqualTo(5);
  }
}
