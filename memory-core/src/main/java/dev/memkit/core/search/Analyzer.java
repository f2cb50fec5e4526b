package dev.memkit.core.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into words the way SQLite's {@code unicode61} tokenizer does: runs of letters and
 * digits, folded to lower case with diacritics removed ("Café" → "cafe"), and stems them with
 * {@link PorterStemmer}. "Deployed v1.2" gives {@code deploy}, {@code v1}, {@code 2}.
 */
public final class Analyzer {
  private static final int MAX_WORD = 64;

  private Analyzer() {}

  /** The words of {@code text}, lower case, without diacritics, not stemmed. */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(cp);
      } else if (Character.getType(cp) == Character.NON_SPACING_MARK && word.length() > 0) {
        // a combining mark continues the word; it is dropped by folding below
        word.appendCodePoint(cp);
      } else if (word.length() > 0) {
        add(words, word);
      }
    }
    if (word.length() > 0) {
      add(words, word);
    }
    return words;
  }

  /** The stemmed words of {@code text}: what an index stores and a query looks up. */
  public static List<String> terms(String text) {
    List<String> words = words(text);
    List<String> terms = new ArrayList<>(words.size());
    for (String w : words) {
      terms.add(PorterStemmer.stem(w));
    }
    return terms;
  }

  private static void add(List<String> words, StringBuilder word) {
    String folded = fold(word.toString());
    word.setLength(0);
    if (!folded.isEmpty()) {
      words.add(folded.length() > MAX_WORD ? folded.substring(0, MAX_WORD) : folded);
    }
  }

  /** Lower case with diacritics removed. */
  static String fold(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    boolean ascii = true;
    for (int i = 0; i < lower.length() && ascii; i++) {
      ascii = lower.charAt(i) < 0x80;
    }
    if (ascii) {
      return lower;
    }
    String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
