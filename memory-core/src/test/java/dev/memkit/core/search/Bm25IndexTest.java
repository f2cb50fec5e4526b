package dev.memkit.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class Bm25IndexTest {

  @Test
  void rarerTermsAndShorterDocumentsScoreHigher() {
    Bm25Index index = new Bm25Index();
    index.put(1, "deploy billing");
    index.put(2, "deploy docs");
    index.put(3, "deploy docs deploy docs and a great many other words that make it long");
    List<Bm25Index.Scored> scored = index.score(Analyzer.terms("billing deploy"));
    assertThat(scored).hasSize(3);
    Bm25Index.Scored best =
        scored.stream().max(Comparator.comparingDouble(Bm25Index.Scored::score)).orElseThrow();
    assertThat(best.id()).isEqualTo(1);
    assertThat(best.matchedTerms()).isEqualTo(2);
    double doc2 = scored.stream().filter(s -> s.id() == 2).findFirst().orElseThrow().score();
    double doc3 = scored.stream().filter(s -> s.id() == 3).findFirst().orElseThrow().score();
    assertThat(doc2).isGreaterThan(0);
    assertThat(doc3).isLessThan(doc2 * 1.5);
  }

  @Test
  void replacingAndRemovingKeepsTheIndexExact() {
    Bm25Index index = new Bm25Index();
    index.put(1, "alpha");
    index.put(1, "beta");
    assertThat(index.score(List.of("alpha"))).isEmpty();
    assertThat(index.score(List.of("beta"))).hasSize(1);
    index.remove(1);
    index.remove(1);
    assertThat(index.size()).isZero();
    assertThat(index.score(List.of("beta"))).isEmpty();
  }
}
