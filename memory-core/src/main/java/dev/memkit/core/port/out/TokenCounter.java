package dev.memkit.core.port.out;

/** Counts tokens the way a model's BPE tokenizer does. Thread-safe. */
public interface TokenCounter {
  /** The encoding's name, e.g. {@code o200k_base}. */
  String encoding();

  /** The exact number of tokens {@code text} encodes to. */
  int count(String text);
}
