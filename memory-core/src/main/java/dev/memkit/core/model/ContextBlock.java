package dev.memkit.core.model;

import java.util.Objects;

/**
 * The block an agent prepends to its prompt.
 *
 * @param text the block, in the seed's format
 * @param tokens its length in tokens, counted with {@code tokenizer}
 * @param maxTokens the budget it was built for; {@code tokens <= maxTokens} always
 * @param tokenizer the encoding that counted it, e.g. {@code o200k_base}
 * @param included how many lines (state entries, goals, memories) made it in
 * @param omitted how many candidate lines were looked at and left out for lack of room
 */
public record ContextBlock(
    String text, int tokens, int maxTokens, String tokenizer, int included, int omitted) {
  /** Rejects a block over its budget: that would be a bug. */
  public ContextBlock {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(tokenizer, "tokenizer");
    if (tokens > maxTokens) {
      throw new IllegalStateException(
          "context block of " + tokens + " tokens exceeds max_tokens " + maxTokens);
    }
  }
}
