package dev.memkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example is this module's code, and it runs. */
class EmbeddingExampleTest {

  @Test
  void theReadmeShowsExactlyTheExampleThatCompiles() throws IOException {
    List<String> readme = between(Files.readAllLines(Path.of("..", "README.md")), "<!-- embedding-example:start -->",
        "<!-- embedding-example:end -->");
    List<String> code = between(Files.readAllLines(Path.of("src/main/java/dev/memkit/examples/EmbeddingExample.java")),
        "// readme:start", "// readme:end");
    assertThat(readme.get(0)).isEqualTo("```java");
    assertThat(readme.get(readme.size() - 1)).isEqualTo("```");
    assertThat(readme.subList(1, readme.size() - 1)).isEqualTo(code.stream().map(l -> l.replaceFirst("^    ", "")).toList());
    assertThat(code).hasSizeLessThanOrEqualTo(12);
  }

  @Test
  void theExampleRunsAgainstARealSqliteFileAndPrintsTheSeedBlock(@TempDir Path workDir) throws Exception {
    ProcessBuilder example = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EmbeddingExample.class.getName())
        .directory(workDir.toFile())
        .redirectErrorStream(true);
    // the README's dependencies carry no embedding model; this class path has one (through the server)
    example.environment().put("MEMKIT_EMBEDDER", "none");
    Process process = example.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).isEqualTo("Deployed v1.2\n# State:\n- current_phase: testing\n\n# Goals:\n- [in_progress] (1) Launch MVP\n\n"
        + "# Recent Memory:\n- Deployed v1.2 (deploy,v1.2)\n");
    assertThat(workDir.resolve("data/agent.db")).isRegularFile();
  }

  private static List<String> between(List<String> lines, String start, String end) {
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals(start)) {
        from = i + 1;
      } else if (lines.get(i).trim().equals(end)) {
        to = i;
      }
    }
    assertThat(from).as("marker %s", start).isPositive();
    assertThat(to).as("marker %s", end).isGreaterThan(from);
    return lines.subList(from, to);
  }
}
