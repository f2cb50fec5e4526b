package dev.memkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example is this module's code, and it runs. */
class EmbeddingExampleTest {

  @Test
  void theReadmeShowsExactlyTheExampleThatCompiles() throws IOException {
    ReadmeBlocks.assertReadmeShows(
        "embedding-example", "dev/memkit/examples/EmbeddingExample.java", "    ");
  }

  @Test
  void theExampleRunsAgainstARealSqliteFileAndPrintsTheSeedBlock(@TempDir Path workDir)
      throws Exception {
    String output = ChildJvm.run(workDir, EmbeddingExample.class);
    assertThat(output)
        .isEqualTo(
            "Deployed v1.2\n# State:\n- current_phase: testing\n\n# Goals:\n- [in_progress] (1) Launch MVP\n\n"
                + "# Recent Memory:\n- Deployed v1.2 (deploy,v1.2)\n");
    assertThat(workDir.resolve("data/agent.db")).isRegularFile();
  }
}
