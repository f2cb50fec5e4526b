package dev.memkit.core.contract;

import dev.memkit.core.port.out.TokenCounter;
import dev.memkit.core.port.out.TokenCounterProvider;
import java.util.Optional;
import java.util.Set;

/**
 * A token counter for tests where the real BPE counter cannot be on the classpath (the core may not
 * depend on it): encoding {@code test-words} counts each run of letters or digits, and each other
 * non-blank character or line break, as one token. Exact for its own encoding, so the contract
 * suite can check that a context block never exceeds its budget.
 */
public final class WordTokenCounterProvider implements TokenCounterProvider {
  /** The encoding this provider counts. */
  public static final String ENCODING = "test-words";

  @Override
  public Set<String> encodings() {
    return Set.of(ENCODING);
  }

  @Override
  public Optional<TokenCounter> counter(String encoding) {
    return ENCODING.equals(encoding) ? Optional.of(new Words()) : Optional.empty();
  }

  private static final class Words implements TokenCounter {
    @Override
    public String encoding() {
      return ENCODING;
    }

    @Override
    public int count(String text) {
      int tokens = 0;
      boolean inWord = false;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        if (Character.isLetterOrDigit(cp)) {
          if (!inWord) {
            tokens++;
          }
          inWord = true;
        } else {
          inWord = false;
          if (!Character.isWhitespace(cp) || cp == '\n') {
            tokens++;
          }
        }
      }
      return tokens;
    }
  }
}
