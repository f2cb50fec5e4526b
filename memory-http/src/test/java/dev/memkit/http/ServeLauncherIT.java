package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code bin/memkit serve} and {@code java -jar memkit-server.jar} with options, as
 * child processes on the shaded jar. The launcher runs in a small copy of the repository (the
 * script, the server jar, a placeholder command-line jar, an old pom) so it finds everything built
 * and builds nothing.
 */
class ServeLauncherIT {
  private static final Path REPO =
      Path.of(System.getProperty("memkit.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path JAR =
      Path.of(System.getProperty("memkit.server.jar", "target/memkit-server.jar")).toAbsolutePath();
  private static final Pattern SERVING = Pattern.compile("serving (http://\\S+) \\(store (.+)\\)");

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private Path layout() throws IOException {
    Path root = dir.resolve("repo");
    Files.createDirectories(root.resolve("bin"));
    Files.createDirectories(root.resolve("memory-cli/target"));
    Files.createDirectories(root.resolve("memory-http/target"));
    Files.copy(REPO.resolve("bin/memkit"), root.resolve("bin/memkit"));
    Files.setPosixFilePermissions(
        root.resolve("bin/memkit"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Files.setLastModifiedTime(
        root.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(3600)));
    Files.writeString(root.resolve("memory-cli/target/memkit-cli.jar"), "not used by serve\n");
    Files.copy(JAR, root.resolve("memory-http/target/memkit-server.jar"));
    return root;
  }

  private ProcessBuilder process(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("MEMKIT_BUILD", "0");
    pb.environment().put("MEMKIT_CDS", "0");
    pb.environment().put("MEMKIT_STORE", "mem:from-the-environment");
    pb.environment().put("MEMKIT_PORT", "1");
    pb.environment().put("MEMKIT_JAVA_OPTS", "-Xmx128m");
    pb.environment().remove("MEMKIT_API_KEY");
    pb.environment().remove("MEMKIT_KEYS_FILE");
    return pb;
  }

  private Run run(List<String> command) throws Exception {
    ProcessBuilder pb = process(command);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      p.destroyForcibly();
    }
  }

  private static List<String> jar(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return command;
  }

  private static List<String> launcher(Path root, String... args) {
    List<String> command = new ArrayList<>(List.of(root.resolve("bin/memkit").toString(), "serve"));
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void theLauncherPassesPortAndStoreOptionsToTheServerOverTheEnvironment() throws Exception {
    Path root = layout();
    Path db = dir.resolve("options.db");
    ProcessBuilder pb = process(launcher(root, "--port", "0", "--store=sqlite:" + db));
    Path log = dir.resolve("server.log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    try {
      Matcher m = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && p.isAlive()) {
        m = SERVING.matcher(Files.readString(log));
        if (m.find()) {
          break;
        }
        m = null;
        Thread.sleep(100);
      }
      assertThat(m).as(Files.readString(log)).isNotNull();
      // the shaded jar starts with the service lists Micronaut AOT computed at build time
      assertThat(Files.readString(log)).contains(", Micronaut AOT; started in ");
      assertThat(m.group(2)).isEqualTo("sqlite:" + db);
      assertThat(m.group(1))
          .startsWith("http://127.0.0.1:")
          .doesNotEndWith(":1")
          .doesNotEndWith(":8080");
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(m.group(1) + "/health"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).startsWith("{\"status\":\"ok\"");
      // a bad body is refused with the constraint's own message, as by the server in tests
      HttpResponse<String> refused =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(m.group(1) + "/state/set"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"value\":1}"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(refused.body()).contains("\"detail\":\"key must not be null\"");
      assertThat(Files.exists(db)).isTrue();
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  @Test
  void theFirstServeRecordsAClassDataArchiveThatLaterStartsMap() throws Exception {
    Path root = layout();
    Path archive = root.resolve("memory-http/target/memkit-server.jsa");
    for (int start = 0; start < 2; start++) {
      ProcessBuilder pb =
          process(launcher(root, "--port", "0", "--store", "sqlite:" + dir.resolve("cds.db")));
      pb.environment().put("MEMKIT_CDS", "1");
      pb.environment()
          .put(
              "MEMKIT_JAVA_OPTS",
              "-Xmx128m -Xshare:auto -Xlog:cds=info:file=" + dir.resolve("cds-" + start + ".log"));
      Path log = dir.resolve("cds-server-" + start + ".log");
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      Process p = pb.start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline
            && p.isAlive()
            && !SERVING.matcher(Files.readString(log)).find()) {
          Thread.sleep(100);
        }
        assertThat(SERVING.matcher(Files.readString(log)).find())
            .as(Files.readString(log))
            .isTrue();
        assertThat(archive)
            .as("written by the training start before the first real one")
            .isNotEmptyFile();
      } finally {
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
        p.destroyForcibly();
      }
    }
    // the second start mapped the archive: the JVM names it among its shared archives
    assertThat(Files.readString(dir.resolve("cds-1.log")))
        .contains("Opened archive " + archive)
        .contains("Mapped dynamic region")
        .doesNotContain("Unable to use shared archive");
  }

  @Test
  void helpPrintsTheOptionsAndStartsNothing() throws Exception {
    Run viaLauncher = run(launcher(layout(), "--help"));
    assertThat(viaLauncher.code()).as(viaLauncher.err()).isZero();
    assertThat(viaLauncher.out())
        .startsWith("Usage: memkit serve")
        .contains("--port PORT")
        .contains("--store URI")
        .doesNotContain("serving");
    Run viaJar = run(jar("-h"));
    assertThat(viaJar.code()).isZero();
    assertThat(viaJar.out()).isEqualTo(viaLauncher.out());
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithExitCode2() throws Exception {
    Run viaLauncher = run(launcher(layout(), "--prot", "9000"));
    assertThat(viaLauncher.code()).isEqualTo(2);
    assertThat(viaLauncher.err())
        .contains("memkit serve: unknown option '--prot'")
        .contains("Usage: memkit serve");
    assertThat(viaLauncher.out()).isEmpty();
    Run badPort = run(jar("--port", "eighty"));
    assertThat(badPort.code()).isEqualTo(2);
    assertThat(badPort.err()).contains("--port must be a whole number");
  }
}
