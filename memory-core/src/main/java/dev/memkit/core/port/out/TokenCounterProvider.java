package dev.memkit.core.port.out;

import java.util.Optional;
import java.util.Set;

/**
 * Supplies token counters. Registered in {@code
 * META-INF/services/dev.memkit.core.port.out.TokenCounterProvider} and found with {@link
 * java.util.ServiceLoader}, as stores are.
 */
public interface TokenCounterProvider {
  /** The encodings this provider counts, e.g. {@code o200k_base}, {@code cl100k_base}. */
  Set<String> encodings();

  /** A counter for {@code encoding}, if this provider has it. */
  Optional<TokenCounter> counter(String encoding);
}
