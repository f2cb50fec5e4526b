package dev.memkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks that a README code block is exactly the lines between markers in an example's source. */
final class ReadmeBlocks {
  private ReadmeBlocks() {}

  /**
   * Asserts the README block {@code name} is the {@code readme:start..end} lines of {@code source},
   * unindented.
   */
  static void assertReadmeShows(String name, String source, String indent) throws IOException {
    List<String> readme =
        between(
            Files.readAllLines(Path.of("..", "README.md")),
            "<!-- " + name + ":start -->",
            "<!-- " + name + ":end -->");
    List<String> code =
        between(
            Files.readAllLines(Path.of("src/main/java", source)),
            "// readme:start",
            "// readme:end");
    assertThat(readme.get(0)).isEqualTo("```java");
    assertThat(readme.get(readme.size() - 1)).isEqualTo("```");
    assertThat(readme.subList(1, readme.size() - 1))
        .isEqualTo(code.stream().map(l -> l.replaceFirst("^" + indent, "")).toList());
    assertThat(code).hasSizeLessThanOrEqualTo(12);
  }

  static List<String> between(List<String> lines, String start, String end) {
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
