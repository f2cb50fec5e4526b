package dev.memkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.json.JsonValue;
import dev.memkit.jackson.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the real {@code bin/memkit} launcher running the shaded jar in child processes. Each
 * test lays out a small copy of the repository (the launcher, the jar, a pom and a source file, and
 * a {@code mvnw} that only records how it was called) so the launcher's build check can be watched
 * without building anything.
 */
class LauncherIT {
  private static final Path REPO =
      Path.of(System.getProperty("memkit.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path JAR =
      Path.of(System.getProperty("memkit.cli.jar", "target/memkit-cli.jar")).toAbsolutePath();

  @TempDir Path dir;

  record Run(int code, String out, String err) {
    JsonValue json() {
      return JsonText.parse(out, "stdout");
    }
  }

  /**
   * A repository layout in {@code dir} with the real launcher and jar; sources older than the jar.
   */
  private Path layout() throws IOException {
    Path root = dir.resolve("repo");
    Files.createDirectories(root.resolve("bin"));
    Files.createDirectories(root.resolve("memory-cli/target"));
    Files.createDirectories(root.resolve("memory-core/src/main/java"));
    Files.copy(REPO.resolve("bin/memkit"), root.resolve("bin/memkit"));
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Files.writeString(root.resolve("memory-cli/pom.xml"), "<project/>\n");
    Files.writeString(root.resolve("memory-core/src/main/java/Source.java"), "class Source {}\n");
    Files.writeString(
        root.resolve("mvnw"),
        "#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/mvnw.calls\"\n"
            + "touch \"$(dirname \"$0\")/memory-cli/target/memkit-cli.jar\"\n");
    Files.setPosixFilePermissions(
        root.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
    FileTime past = FileTime.from(Instant.now().minusSeconds(3600));
    for (String file :
        List.of("pom.xml", "memory-cli/pom.xml", "memory-core/src/main/java/Source.java")) {
      Files.setLastModifiedTime(root.resolve(file), past);
    }
    Files.copy(
        JAR, root.resolve("memory-cli/target/memkit-cli.jar"), StandardCopyOption.REPLACE_EXISTING);
    Path natives = JAR.resolveSibling("sqlite-native");
    if (Files.isDirectory(natives)) {
      try (var files = Files.walk(natives)) {
        for (Path from : files.toList()) {
          Path to =
              root.resolve("memory-cli/target/sqlite-native")
                  .resolve(natives.relativize(from).toString());
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else {
            Files.copy(from, to);
          }
        }
      }
    }
    Files.setLastModifiedTime(
        root.resolve("memory-cli/target/memkit-cli.jar"), FileTime.from(Instant.now()));
    return root;
  }

  private Run memkit(Path root, String stdin, Map<String, String> env, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("bin/memkit").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("MEMKIT_"));
    pb.environment().put("MEMKIT_CDS", "0");
    pb.environment().putAll(env);
    pb.environment()
        .entrySet()
        .removeIf(e -> e.getValue() == null || e.getValue().equals("<unset>"));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(120, TimeUnit.SECONDS))
        .as("memkit " + String.join(" ", args) + " finished")
        .isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Run memkit(Path root, String... args) throws Exception {
    return memkit(root, "", Map.of(), args);
  }

  @Test
  void aValueFromStandardInputComesBackAsJson() throws Exception {
    Path root = layout();
    Run set =
        memkit(
            root,
            "{\"phase\": \"testing\", \"n\": [1, 2.5]}\n",
            Map.of(),
            "--store",
            "mem:",
            "--json",
            "state",
            "set",
            "doc",
            "-");
    assertThat(set.code()).as(set.err()).isZero();
    JsonValue.JsonObject entry = (JsonValue.JsonObject) set.json();
    assertThat(entry.members().get("value"))
        .isEqualTo(JsonText.parse("{\"phase\":\"testing\",\"n\":[1,2.5]}", "v"));
    assertThat(entry.members().get("version")).isEqualTo(JsonValue.of(1));
    assertThat(set.err()).isEmpty();
  }

  @Test
  void exitCodesForNotFoundInvalidInputAndUsage() throws Exception {
    Path root = layout();
    Run notFound = memkit(root, "--store", "mem:", "state", "get", "missing");
    assertThat(notFound.code()).isEqualTo(1);
    assertThat(notFound.err()).isEqualTo("memkit: state key 'missing' not found\n");
    assertThat(notFound.out()).isEmpty();
    Run invalid = memkit(root, "--store", "mem:", "memory", "add", "text", "--tag", "not a tag");
    assertThat(invalid.code()).isEqualTo(3);
    assertThat(invalid.err()).startsWith("memkit: tags ").hasLineCount(1);
    Run usage = memkit(root, "state", "frobnicate");
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).startsWith("memkit: ").hasLineCount(1);
    assertThat(memkit(root, "memory", "get", "twelve").code()).isEqualTo(2);
  }

  @Test
  void nonAsciiArgumentsSurviveWithoutAUtf8Locale() throws Exception {
    Path root = layout();
    Run run =
        memkit(
            root,
            "",
            Map.of("LANG", "<unset>", "LC_ALL", "<unset>", "LC_CTYPE", "<unset>"),
            "--store",
            "mem:",
            "--json",
            "state",
            "set",
            "k",
            "Café ✓ 東京");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(((JsonValue.JsonObject) run.json()).members().get("value"))
        .isEqualTo(JsonValue.of("Café ✓ 東京"));
  }

  @Test
  void theSeedSequenceAcrossProcessesPrintsExactlyTheBlock() throws Exception {
    Path root = layout();
    String store = "sqlite:" + dir.resolve("data/memkit.db");
    Map<String, String> env = Map.of("MEMKIT_STORE", store);
    assertThat(memkit(root, "", env, "state", "set", "current_phase", "testing").code()).isZero();
    assertThat(memkit(root, "", env, "state", "get", "current_phase").out()).isEqualTo("testing\n");
    assertThat(
            memkit(
                    root,
                    "Deployed v1.2\n",
                    env,
                    "memory",
                    "add",
                    "-",
                    "--tag",
                    "deploy",
                    "--tag",
                    "v1.2")
                .code())
        .isZero();
    assertThat(memkit(root, "", env, "memory", "search", "deploy", "--limit", "5").out())
        .contains("Deployed v1.2");
    assertThat(memkit(root, "", env, "goal", "add", "Launch MVP").code()).isZero();
    assertThat(
            memkit(
                    root,
                    "",
                    env,
                    "goal",
                    "progress",
                    "1",
                    "--status",
                    "in_progress",
                    "--note",
                    "Wired authentication")
                .code())
        .isZero();
    Run context = memkit(root, "", env, "context", "--max-tokens", "1500");
    assertThat(context.code()).isZero();
    assertThat(context.out()).isEqualTo(CommandsTest.SEED_BLOCK + "\n");
    assertThat(context.err()).isEmpty();
    Run json = memkit(root, "", env, "--json", "goal", "show", "1");
    assertThat(((JsonValue.JsonObject) json.json()).string("status")).contains("in_progress");
  }

  @Test
  void sqliteLoadsItsNativeLibraryInPlaceInsteadOfCopyingIt() throws Exception {
    assertThat(JAR.resolveSibling("sqlite-native")).isDirectory();
    Path root = layout();
    Path tmp = Files.createDirectories(dir.resolve("java-tmp"));
    Run run =
        memkit(
            root,
            "",
            Map.of("MEMKIT_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp),
            "--store",
            "sqlite:" + dir.resolve("native.db"),
            "state",
            "set",
            "k",
            "1");
    assertThat(run.code()).as(run.err()).isZero();
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.contains("sqlitejdbc"));
    }
  }

  @Test
  void aFreshJarIsRunAsItIsAndASourceNewerThanItIsBuiltFirst() throws Exception {
    Path root = layout();
    assertThat(memkit(root, "version").out()).startsWith("memkit ");
    assertThat(root.resolve("mvnw.calls")).doesNotExist();

    Files.setLastModifiedTime(
        root.resolve("memory-core/src/main/java/Source.java"),
        FileTime.from(Instant.now().plusSeconds(5)));
    Run rebuilt = memkit(root, "version");
    assertThat(rebuilt.code()).isZero();
    assertThat(rebuilt.err()).contains("building");
    assertThat(Files.readString(root.resolve("mvnw.calls")))
        .isEqualTo("-B -q -DskipTests package -pl memory-cli,memory-http -am\n");

    Files.delete(root.resolve("memory-cli/target/memkit-cli.jar"));
    Run refused = memkit(root, "", Map.of("MEMKIT_BUILD", "0"), "version");
    assertThat(refused.code()).isEqualTo(5);
    assertThat(refused.err()).contains("MEMKIT_BUILD=0");
  }

  @Test
  void serveWithoutTheServerJarTriesToBuildItThenSaysWhatIsMissing() throws Exception {
    Path root = layout();
    Run serve = memkit(root, "serve");
    assertThat(serve.code()).isEqualTo(5);
    assertThat(serve.err())
        .contains("building")
        .contains("cannot serve: " + root.resolve("memory-http/target/memkit-server.jar"));
    assertThat(root.resolve("mvnw.calls")).exists();
  }

  @Test
  void serveRunsTheServerJarWithTheArgumentsGiven() throws Exception {
    Path root = layout();
    // Any runnable jar shows what the launcher runs: here the command line's own, asked its
    // version.
    Files.createDirectories(root.resolve("memory-http/target"));
    Files.copy(JAR, root.resolve("memory-http/target/memkit-server.jar"));
    Run serve = memkit(root, "serve", "--json", "version");
    assertThat(serve.code()).as(serve.err()).isZero();
    assertThat(((JsonValue.JsonObject) serve.json()).string("version")).isPresent();
    assertThat(root.resolve("mvnw.calls")).doesNotExist();
  }

  @Test
  void theFirstRunRecordsAClassDataArchiveThatLaterRunsUse() throws Exception {
    Path root = layout();
    Run first = memkit(root, "", Map.of("MEMKIT_CDS", "1"), "--store", "mem:", "version");
    assertThat(first.code()).isZero();
    Path archive = root.resolve("memory-cli/target/memkit-cli.jsa");
    assertThat(archive).isNotEmptyFile();
    FileTime recorded = Files.getLastModifiedTime(archive);
    Run second =
        memkit(
            root,
            "",
            Map.of("MEMKIT_CDS", "1", "MEMKIT_JAVA_OPTS", "-Xshare:on"),
            "--store",
            "mem:",
            "version");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(recorded);

    // A jar that no longer matches the archive (copied back with an older time): the JVM's
    // warning goes to stderr and the output stays clean JSON.
    Path jar = root.resolve("memory-cli/target/memkit-cli.jar");
    Files.setLastModifiedTime(jar, FileTime.from(recorded.toInstant().minusSeconds(60)));
    Run mismatched =
        memkit(root, "", Map.of("MEMKIT_CDS", "1"), "--store", "mem:", "--json", "version");
    assertThat(mismatched.code()).isZero();
    assertThat(((JsonValue.JsonObject) mismatched.json()).string("version")).isPresent();
  }
}
