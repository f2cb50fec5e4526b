package dev.memkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.model.ContextBlock;
import dev.memkit.core.port.in.ContextSection;
import dev.memkit.core.port.out.TokenCounter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The budget holds even for a tokenizer whose count of a whole is more than the sum of its parts.
 */
class ContextFitTest {

  /**
   * Counts characters, plus a token for every pair of adjacent lines: joining lines costs extra.
   */
  private static final TokenCounter SUPERADDITIVE =
      new TokenCounter() {
        @Override
        public String encoding() {
          return "superadditive";
        }

        @Override
        public int count(String text) {
          int lines = text.isEmpty() ? 0 : text.split("\n", -1).length;
          return text.length() + Math.max(0, lines - 1) * 3;
        }
      };

  @Test
  void theExactCountOfTheWholeBlockIsWhatIsGuaranteed() {
    Map<ContextSection, List<String>> candidates = new EnumMap<>(ContextSection.class);
    List<String> state = new ArrayList<>();
    List<String> recent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      state.add("- key" + i + ": value " + i);
      recent.add("- memory " + i + " (tag)");
    }
    candidates.put(ContextSection.STATE, state);
    candidates.put(ContextSection.RECENT, recent);
    for (int budget = 1; budget <= 900; budget++) {
      ContextBlock block = ContextService.fit(candidates, budget, SUPERADDITIVE);
      assertThat(block.tokens())
          .isEqualTo(SUPERADDITIVE.count(block.text()))
          .isLessThanOrEqualTo(budget);
    }
    ContextBlock roomy = ContextService.fit(candidates, 100_000, SUPERADDITIVE);
    assertThat(roomy.included()).isEqualTo(40);
    assertThat(roomy.omitted()).isZero();
  }

  @Test
  void higherPrioritySectionsFillFirstAndLinesThatDoNotFitAreSkippedWhole() {
    Map<ContextSection, List<String>> candidates = new EnumMap<>(ContextSection.class);
    candidates.put(ContextSection.STATE, List.of("- a: 1", "- big: " + "x".repeat(200), "- b: 2"));
    candidates.put(ContextSection.RECENT, List.of("- recent one"));
    ContextBlock block = ContextService.fit(candidates, 40, SUPERADDITIVE);
    assertThat(block.text()).isEqualTo("# State:\n- a: 1\n- b: 2");
    assertThat(block.omitted()).isEqualTo(2);
  }

  @Test
  void linesAreWrittenOnOneLine() {
    assertThat(ContextService.oneLine("first\nsecond\r\n  third")).isEqualTo("first second third");
  }
}
