package dev.memkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

  @Test
  void equalTextsHaveAnEmptyDiff() {
    assertThat(UnifiedDiff.diff("x", "a\nb", "a\nb")).isEmpty();
  }

  @Test
  void aChangedLineIsShownWithThreeLinesOfContext() {
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n9";
    String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9";
    assertThat(UnifiedDiff.diff("state:k", before, after))
        .isEqualTo(
            """
        --- a/state:k
        +++ b/state:k
        @@ -2,7 +2,7 @@
         2
         3
         4
        -5
        +five
         6
         7
         8
        """);
  }

  @Test
  void distantChangesMakeSeparateHunks() {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      lines.add(Integer.toString(i));
    }
    String before = String.join("\n", lines);
    lines.set(1, "two");
    lines.set(17, "eighteen");
    String diff = UnifiedDiff.diff("t", before, String.join("\n", lines));
    assertThat(diff.lines().filter(l -> l.startsWith("@@")))
        .containsExactly("@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@");
  }

  @Test
  void creationAndDeletionAreDiffedAgainstDevNull() {
    assertThat(UnifiedDiff.diff("m", null, "{\n  \"a\": 1\n}"))
        .isEqualTo(
            """
        --- /dev/null
        +++ b/m
        @@ -0,0 +1,3 @@
        +{
        +  "a": 1
        +}
        """);
    assertThat(UnifiedDiff.diff("m", "x", null))
        .isEqualTo("--- a/m\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n");
  }

  @Test
  void hugeRewritesStillGiveACorrectDiff() {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      a.append("old ").append(i).append('\n');
      b.append("new ").append(i).append('\n');
    }
    String diff = UnifiedDiff.diff("big", a.toString(), b.toString());
    assertThat(diff.lines().filter(l -> l.startsWith("-old"))).hasSize(3000);
    assertThat(diff.lines().filter(l -> l.startsWith("+new"))).hasSize(3000);
  }
}
