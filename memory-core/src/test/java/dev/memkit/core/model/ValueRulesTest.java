package dev.memkit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.error.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values refuse to exist in a bad state, and say which rule they broke. */
class ValueRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"default", "a", "team-1", "user.42", "x_y", "0"})
  void namespacesThatAreSafeFileNamesAreAccepted(String name) {
    assertThat(Namespace.of(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ".", "..", "../etc", "a/b", "Default", "-x", ".hidden", "a b", "ä", "a\u0000"})
  void namespacesThatCouldEscapeADirectoryOrAreMalformedAreRejected(String name) {
    assertThatThrownBy(() -> Namespace.of(name))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("namespace"))
        .hasMessageContaining("[a-z0-9][a-z0-9._-]{0,63}");
  }

  @Test
  void namespaceLengthIsLimitedTo64() {
    Namespace.of("a".repeat(64));
    assertThatThrownBy(() -> Namespace.of("a".repeat(65))).isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "_x", "a b", "a/b", "a\"b", "ключ"})
  void stateKeysFollowTheirRule(String key) {
    assertThatThrownBy(() -> StateKey.of(key))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("key");
  }

  @Test
  void stateKeysUpTo128CharactersAreAccepted() {
    StateKey.of("A" + "b".repeat(127));
    StateKey.of("trade:winrate.v2-x_y");
    assertThatThrownBy(() -> StateKey.of("A" + "b".repeat(128)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void tagsAreUnicodeWordsComparedIgnoringCase() {
    assertThat(Tag.of("Déploiement").sameAs(Tag.of("déploiement"))).isTrue();
    Tag.of("v1.2");
    Tag.of("team/infra:prod");
    assertThatThrownBy(() -> Tag.of("two words"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("tags each tag must match [\\p{L}\\p{N}_.:/-]{1,64}: 'two words'");
    assertThatThrownBy(() -> Tag.of("x".repeat(65))).isInstanceOf(ValidationException.class);
  }

  @Test
  void kindsAreLowerCaseWords() {
    Kind.of("long_term");
    assertThatThrownBy(() -> Kind.of("Long"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("kind");
    assertThatThrownBy(() -> Kind.of("1st")).isInstanceOf(ValidationException.class);
  }

  @Test
  void textWithAnUnpairedSurrogateIsRejected() {
    assertThatThrownBy(() -> Limits.text("bad \uD800 text", "text", 100))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("surrogate");
    assertThat(Limits.text("fine 😀", "text", 6)).isEqualTo("fine 😀");
  }

  @Test
  void textMayHaveTabsAndLineBreaksButNoOtherControlCharacters() {
    assertThat(Limits.text("line one\n\tline two\r\n", "text", 100)).startsWith("line one");
    assertThatThrownBy(() -> Limits.text("nul\u0000byte", "text", 100))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("control characters");
    assertThatThrownBy(() -> Limits.text("bell\u0007", "title", 100))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void clientKeysHaveNoControlCharacters() {
    MemoryKey.of("retry-123");
    assertThatThrownBy(() -> MemoryKey.of("a\nb")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> MemoryKey.of("x".repeat(129))).isInstanceOf(ValidationException.class);
  }

  @Test
  void idsArePositive() {
    assertThatThrownBy(() -> MemoryId.of(0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> GoalId.of(-1))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("goal_id");
  }

  @Test
  void goalStatusesParseLeniently() {
    assertThat(GoalStatus.parse("In-Progress", "status")).isEqualTo(GoalStatus.IN_PROGRESS);
    assertThatThrownBy(() -> GoalStatus.parse("finished", "status"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("new, in_progress, blocked, done, abandoned");
  }

  @Test
  void timeRangesMustNotRunBackwards() {
    assertThatThrownBy(
            () ->
                TimeRange.of(
                    Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")))
        .isInstanceOf(ValidationException.class);
    TimeRange r =
        TimeRange.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(r.contains(Instant.parse("2026-01-01T00:00:00Z"))).isTrue();
    assertThat(r.contains(Instant.parse("2026-02-01T00:00:00Z"))).isFalse();
  }

  @Test
  void timesParseFromIsoInstantsOffsetsAndDates() {
    assertThat(RecordJson.parseTime("2026-11-21T07:00:00Z", "at"))
        .isEqualTo(Instant.parse("2026-11-21T07:00:00Z"));
    assertThat(RecordJson.parseTime("2026-11-21T09:00:00+02:00", "at"))
        .isEqualTo(Instant.parse("2026-11-21T07:00:00Z"));
    assertThat(RecordJson.parseTime("2026-11-21", "at"))
        .isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
    assertThatThrownBy(() -> RecordJson.parseTime("yesterday", "from"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("from"));
  }
}
