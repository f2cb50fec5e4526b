package dev.memkit.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.port.out.TokenCounter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JtokkitTokenCounterProviderTest {

  @Test
  void countsLikeTheModelsTokenizers() {
    TokenCounter o200k = new JtokkitTokenCounterProvider().counter("o200k_base").orElseThrow();
    TokenCounter cl100k = new JtokkitTokenCounterProvider().counter("cl100k_base").orElseThrow();
    assertThat(o200k.count("hello world")).isEqualTo(2);
    assertThat(cl100k.count("hello world")).isEqualTo(2);
    assertThat(o200k.count("")).isZero();
    assertThat(o200k.count("<|endoftext|>")).isGreaterThan(1);
    assertThat(o200k.encoding()).isEqualTo("o200k_base");
    assertThat(new JtokkitTokenCounterProvider().counter("p50k_base")).isEmpty();
  }

  @Test
  void theCoreFindsItThroughServiceLoaderAndTheDefaultIsO200k() {
    try (Memkit memkit = Memkit.open("mem:", MemkitOptions.defaults().withEnvironment(Map.of()))) {
      assertThat(memkit.tokenizer()).isEqualTo("o200k_base");
      memkit.requireTokenizer();
    }
    try (Memkit memkit =
        Memkit.open(
            "mem:",
            MemkitOptions.defaults().withEnvironment(Map.of("MEMKIT_TOKENIZER", "cl100k_base")))) {
      assertThat(memkit.tokenizer()).isEqualTo("cl100k_base");
    }
  }

  @Test
  void anUnknownTokenizerFailsWithTheAvailableOnes() {
    try (Memkit memkit =
        Memkit.open(
            "mem:", MemkitOptions.defaults().withEnvironment(Map.of()).withTokenizer("gpt2"))) {
      assertThatThrownBy(memkit::requireTokenizer)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("gpt2")
          .hasMessageContaining("o200k_base");
    }
  }
}
