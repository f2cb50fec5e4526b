package dev.memkit.core.port.in;

import dev.memkit.core.model.ContextBlock;

/** Builds the block an agent prepends to its prompt. */
public interface ContextUseCase {
  /**
   * Builds the context block of this namespace: at most {@code maxTokens} tokens as the configured
   * tokenizer counts them, lines left out whole in the order of {@link ContextSection} (state
   * first), and the same bytes for the same data.
   */
  ContextBlock export(ContextRequest request);
}
