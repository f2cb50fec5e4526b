package dev.memkit.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.Space;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.ContextBlock;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.RecordProgress;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For random state, goals and memories, and every budget from 1 to 4,000 tokens, the block's length
 * as jtokkit counts it never exceeds the budget.
 */
class ContextBudgetPropertyTest {
  private static final String[] WORDS = {
    "deploy",
    "billing",
    "service",
    "the",
    "launch",
    "MVP",
    "réunion",
    "東京",
    "🚀",
    "v1.2",
    "latency",
    "p99",
    "customer",
    "said",
    "{\"json\": true}",
    "refactor",
    "tests",
    "green",
    "flaky",
    "incident",
    "on-call",
    "—",
    "naïve",
    "ok",
    "!!!",
    "12,345.67",
    "https://example.com/a?b=c",
    "<|endoftext|>",
    "  ",
    "tab\tseparated"
  };

  @ParameterizedTest
  @ValueSource(strings = {"o200k_base", "cl100k_base"})
  void theBlockNeverExceedsItsBudget(String encodingName) {
    Encoding encoding =
        Encodings.newDefaultEncodingRegistry()
            .getEncoding(
                encodingName.equals("o200k_base")
                    ? EncodingType.O200K_BASE
                    : EncodingType.CL100K_BASE);
    MemkitOptions options =
        MemkitOptions.defaults().withEnvironment(Map.of()).withTokenizer(encodingName);
    Random random = new Random(encodingName.hashCode());
    try (Memkit memkit = Memkit.open("mem:property", options)) {
      Space space = memkit.space();
      for (int i = 0; i < 40; i++) {
        space
            .state()
            .set(
                StateKey.of("key_" + i),
                i % 3 == 0
                    ? JsonValue.of(sentence(random, 12))
                    : JsonValue.objectBuilder()
                        .put("n", i)
                        .put("text", sentence(random, 5))
                        .build());
      }
      for (int i = 0; i < 15; i++) {
        var goal = space.goals().add(AddGoal.of(sentence(random, 8)));
        if (i % 2 == 0) {
          space
              .goals()
              .progress(
                  new RecordProgress(
                      goal.id(), Optional.of(GoalStatus.IN_PROGRESS), Optional.empty()));
        }
      }
      for (int i = 0; i < 250; i++) {
        space
            .memories()
            .add(
                AddMemory.of(sentence(random, 4 + random.nextInt(40)))
                    .withTags("t" + random.nextInt(9)));
      }
      for (int budget = 1; budget <= 4_000; budget++) {
        ContextBlock block =
            space
                .context()
                .export(
                    ContextRequest.maxTokens(budget)
                        .withQuery(budget % 2 == 0 ? "deploy billing" : null));
        int counted = encoding.countTokensOrdinary(block.text());
        assertThat(counted)
            .as("budget %d", budget)
            .isLessThanOrEqualTo(budget)
            .isEqualTo(block.tokens());
      }
      ContextBlock full = space.context().export(ContextRequest.maxTokens(4_000));
      assertThat(full.tokens()).isGreaterThan(3_000);
      assertThat(full.tokenizer()).isEqualTo(encodingName);
    }
  }

  private static String sentence(Random random, int words) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        s.append(random.nextInt(10) == 0 ? "\n" : " ");
      }
      s.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return s.toString();
  }
}
