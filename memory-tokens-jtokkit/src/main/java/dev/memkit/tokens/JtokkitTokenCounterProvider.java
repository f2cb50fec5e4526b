package dev.memkit.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.memkit.core.port.out.TokenCounter;
import dev.memkit.core.port.out.TokenCounterProvider;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Token counters from jtokkit, the Java port of OpenAI's tiktoken: {@code o200k_base} (GPT-4o and
 * later) and {@code cl100k_base} (GPT-4, GPT-3.5). Each encoding's vocabulary is loaded on first
 * use, once per process.
 */
public final class JtokkitTokenCounterProvider implements TokenCounterProvider {
  private static final Set<String> ENCODINGS = Set.of("o200k_base", "cl100k_base");

  @Override
  public Set<String> encodings() {
    return ENCODINGS;
  }

  @Override
  public Optional<TokenCounter> counter(String encoding) {
    return switch (encoding) {
      case "o200k_base" ->
          Optional.of(new Counter(Holder.REGISTRY.getEncoding(EncodingType.O200K_BASE)));
      case "cl100k_base" ->
          Optional.of(new Counter(Holder.REGISTRY.getEncoding(EncodingType.CL100K_BASE)));
      default -> Optional.empty();
    };
  }

  /**
   * The registry loads vocabularies lazily; held here so merely listing encodings loads nothing.
   */
  private static final class Holder {
    static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  }

  private record Counter(Encoding bpe) implements TokenCounter {
    @Override
    public String encoding() {
      return bpe.getName().toLowerCase(Locale.ROOT);
    }

    @Override
    public int count(String text) {
      return bpe.countTokensOrdinary(text);
    }
  }
}
