package dev.memkit.bench.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates realistic memory text, tags and search questions: content words drawn from a vocabulary
 * of {@value #VOCABULARY} words with a Zipf–Mandelbrot distribution (a few words are common, most
 * are rare, as in real notes), mixed with English stop words (40% of the words), so that questions
 * contain common words and indexes see long posting lists.
 *
 * <p>Deterministic: the same seed gives the same sequence, so every benchmark and every store sees
 * the same data. Not thread-safe: use one instance per thread.
 *
 * <pre>{@code
 * ZipfText text = ZipfText.seeded(42);
 * String memory = text.memory();          // "the billing deploy of kelomar was checked …"
 * List<String> tags = text.tags();        // ["ops", "q3"] (0 to 3 tags)
 * String question = text.question();     // "When did we rollback the kelomar billing?"
 * }</pre>
 */
public final class ZipfText {
  /** Content words in the vocabulary: 300 real words, then made-up words for the long tail. */
  public static final int VOCABULARY = 20_000;

  /** The Zipf exponent: about 1 for natural language. */
  public static final double EXPONENT = 1.07;

  /**
   * The Zipf–Mandelbrot offset: content word of rank {@code k} has weight {@code 1/(k +
   * OFFSET)^EXPONENT}. In English the ~50 most frequent words are function words; stop words are
   * drawn apart here, so content words start at that depth of the curve. The most common content
   * word is then in about 6% of memories, the 100th in about 2%.
   */
  public static final double OFFSET = 50;

  private static final String[] COMMON =
      ("project deploy release billing customer service server database backup restore migration schema "
              + "meeting review sprint ticket issue bug fix test build pipeline version branch merge commit rollback "
              + "incident outage alert latency error timeout cache queue worker cluster node region account invoice "
              + "payment refund order shipping inventory product feature roadmap design spec document report metric "
              + "dashboard budget forecast revenue cost contract vendor partner team manager engineer designer analyst "
              + "user profile login password token session permission role policy audit security compliance privacy "
              + "email message notification reminder calendar deadline milestone goal task plan priority status update "
              + "question answer decision note idea summary feedback survey interview hiring onboarding training "
              + "office travel flight hotel expense receipt laptop phone monitor keyboard license subscription plan "
              + "trade position portfolio stock bond market price volume strategy signal winrate drawdown risk hedge "
              + "model prompt context embedding search index query vector memory agent tool function api endpoint "
              + "client library framework module package dependency upgrade patch security vulnerability scan "
              + "weekly monthly quarterly yearly monday tuesday wednesday thursday friday morning afternoon evening "
              + "london berlin paris tokyo austin seattle toronto sydney madrid dublin lisbon oslo "
              + "alice bob carol dave erin frank grace heidi ivan judy mallory oscar peggy trent victor walter "
              + "checked fixed deployed reviewed approved rejected scheduled cancelled moved renamed merged split "
              + "started finished blocked waiting failed passed broke recovered migrated archived exported imported "
              + "slow fast large small new old urgent minor major critical stable flaky green red blue internal external "
              + "first second third last next previous final draft early late daily nightly manual automatic")
          .split(" ");
  private static final String[] STOP =
      ("the a an of to in on at for with and or but is was were be been "
              + "we i it this that our my they he she by from as about after before then so")
          .split(" ");
  private static final String[] QUESTION = {
    "When did we",
    "What was the",
    "Why did the",
    "How did we",
    "Who handled the",
    "Where is the",
    "Did we",
    "What happened to the",
    "Which",
    "Remind me about the"
  };
  private static final String[] TAGS =
      ("ops deploy billing release incident meeting decision todo q1 q2 q3 q4 "
              + "team-a team-b infra security customer trading research personal travel finance hiring")
          .split(" ");
  private static final String[] ONSET = {
    "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kl",
    "st", "tr", "pl", "gr", "sh", "ch"
  };
  private static final String[] NUCLEUS = {"a", "e", "i", "o", "u", "ai", "ou", "ea"};
  private static final String[] CODA = {"", "", "n", "r", "l", "s", "m", "x", "rt", "nd"};

  private static final String[] WORDS = vocabulary();
  private static final double[] CDF = cdf(WORDS.length, EXPONENT, OFFSET);

  private final Random random;

  private ZipfText(long seed) {
    this.random = new Random(seed);
  }

  /** A generator whose output is fixed by {@code seed}. */
  public static ZipfText seeded(long seed) {
    return new ZipfText(seed);
  }

  /** The content word of popularity rank {@code rank} (0 is the most common). */
  public static String word(int rank) {
    return WORDS[rank];
  }

  /** A content word drawn from the Zipf distribution. */
  public String word() {
    double u = random.nextDouble();
    int lo = 0;
    int hi = CDF.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (CDF[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return WORDS[lo];
  }

  /**
   * A sentence of {@code min}..{@code max} words, about 40% of them stop words, ending with a
   * period.
   */
  public String sentence(int min, int max) {
    int n = min + random.nextInt(max - min + 1);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        s.append(' ');
      }
      String w = random.nextDouble() < 0.4 ? STOP[random.nextInt(STOP.length)] : word();
      s.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
    }
    return s.append('.').toString();
  }

  /**
   * The text of a memory: one to three sentences, 8 to 60 words in all (about 200 characters on
   * average).
   */
  public String memory() {
    int sentences = 1 + random.nextInt(3);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      if (i > 0) {
        s.append(' ');
      }
      s.append(sentence(8, 20));
    }
    return s.toString();
  }

  /** Zero to three distinct tags from a small set. */
  public List<String> tags() {
    int n = random.nextInt(4);
    Set<String> tags = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      tags.add(TAGS[random.nextInt(TAGS.length)]);
    }
    return new ArrayList<>(tags);
  }

  /**
   * A natural-language question: a question opening of stop words ("When did we"), then two to four
   * content words from the same Zipf distribution as the memories, then "?".
   */
  public String question() {
    StringBuilder s = new StringBuilder(QUESTION[random.nextInt(QUESTION.length)]);
    int n = 2 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      s.append(' ').append(word());
    }
    return s.append('?').toString();
  }

  /** {@code count} memories' texts. */
  public List<String> memories(int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(memory());
    }
    return out;
  }

  /** {@code count} questions. */
  public List<String> questions(int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(question());
    }
    return out;
  }

  private static String[] vocabulary() {
    Set<String> words = new LinkedHashSet<>(List.of(COMMON));
    Random r = new Random(7);
    while (words.size() < VOCABULARY) {
      int syllables = 2 + r.nextInt(2);
      StringBuilder w = new StringBuilder();
      for (int i = 0; i < syllables; i++) {
        w.append(ONSET[r.nextInt(ONSET.length)]).append(NUCLEUS[r.nextInt(NUCLEUS.length)]);
      }
      w.append(CODA[r.nextInt(CODA.length)]);
      words.add(w.toString());
    }
    return words.toArray(new String[0]);
  }

  private static double[] cdf(int n, double s, double offset) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += 1 / Math.pow(k + offset, s);
      cdf[k - 1] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
    cdf[n - 1] = 1.0;
    return cdf;
  }
}
