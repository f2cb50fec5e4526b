package dev.memkit.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

  @Test
  void aQuestionIsReducedToTheWordsItIsAbout() {
    SearchQuery q = SearchQuery.parse("When did we deploy v1.2?");
    assertThat(q.words()).containsExactly("deploy", "v1", "2");
    assertThat(q.terms()).containsExactly("deploi", "v1", "2");
  }

  @Test
  void syntaxOfSearchEnginesIsOnlySeparators() {
    assertThat(SearchQuery.parse("\"deploy\" OR NEAR(prod*, 3) -billing col:x ^y").words())
        .containsExactly("deploy", "near", "prod", "3", "billing", "col", "x", "y");
  }

  @Test
  void stopWordsAreKeptWhenNothingElseIsLeft() {
    assertThat(SearchQuery.parse("what is it?").words()).containsExactly("what", "is", "it");
    assertThat(SearchQuery.parse("?!").isEmpty()).isTrue();
  }

  @Test
  void wordsAreFoldedToLowerCaseWithoutDiacriticsAndStemmed() {
    SearchQuery q = SearchQuery.parse("Déployé CAFÉS Deploying deploys");
    assertThat(q.words()).containsExactly("deploye", "cafes", "deploying", "deploys");
    assertThat(q.terms()).containsExactly("deploy", "cafe", "deploi");
  }

  @Test
  void aPastedParagraphKeepsItsFirstThirtyTwoDistinctWords() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      text.append("word").append(i).append(' ').append("word").append(i % 3).append(' ');
    }
    assertThat(SearchQuery.parse(text.toString()).words()).hasSize(SearchQuery.MAX_WORDS);
  }

  @Test
  void analyzerSplitsAsUnicode61Does() {
    assertThat(Analyzer.words("Deployed v1.2 — café_au-lait 東京 ok"))
        .isEqualTo(List.of("deployed", "v1", "2", "cafe", "au", "lait", "東京", "ok"));
  }
}
