package dev.memkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an example's {@code main} in a JVM of its own, in a working directory, as a user would. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs {@code mainClass} with {@code args} in {@code workDir}; asserts it exits 0 within two
   * minutes; returns its output.
   */
  static String run(Path workDir, Class<?> mainClass, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass.getName()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(workDir, "child-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // the examples' documented dependencies carry no embedding model; this class path has one
    builder.environment().put("MEMKIT_EMBEDDER", "none");
    Process process = builder.start();
    boolean exited = process.waitFor(2, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertThat(exited).as("exited within two minutes: %s", output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
