package dev.memkit.core.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.model.TimeRange;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Use-case commands refuse to exist in a bad state, and name the field they broke. */
class CommandRulesTest {

  @Test
  void importModeIsParsedFromItsWireNameAndDefaultsToMerge() {
    assertThat(ImportMode.parse(null, "mode")).isEqualTo(ImportMode.MERGE);
    assertThat(ImportMode.parse("merge", "mode")).isEqualTo(ImportMode.MERGE);
    assertThat(ImportMode.parse("replace", "mode")).isEqualTo(ImportMode.REPLACE);
    assertThat(ImportMode.REPLACE.wireName()).isEqualTo("replace");
  }

  @Test
  void anUnknownImportModeNamesTheFieldAndTheAllowedValues() {
    assertThatThrownBy(() -> ImportMode.parse("sideways\u0000" + "x".repeat(200), "mode"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("mode"))
        .hasMessageContaining("merge or replace")
        .hasMessageContaining("sideways?")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    assertThatThrownBy(() -> ImportMode.parse("REPLACE", "mode"))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void goalsAreListedByStatusOrActiveButNotBoth() {
    assertThat(ListGoals.withStatus(Set.of(GoalStatus.DONE)).statuses())
        .containsExactly(GoalStatus.DONE);
    assertThat(ListGoals.ACTIVE.activeOnly()).isTrue();
    assertThatThrownBy(() -> new ListGoals(Set.of(GoalStatus.NEW), true))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("active"))
        .hasMessageContaining("cannot be combined with status");
  }

  @Test
  void progressNeedsAStatusOrANoteAndAnEmptyNoteCountsAsNone() {
    GoalId goal = GoalId.of(1);
    assertThat(RecordProgress.status(goal, GoalStatus.DONE).note()).isEmpty();
    assertThatThrownBy(() -> new RecordProgress(goal, Optional.empty(), Optional.of("")))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("progress"));
    assertThatThrownBy(
            () -> RecordProgress.note(goal, "x".repeat(Limits.PROGRESS_NOTE_MAX_CHARS + 1)))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("note"));
  }

  @Test
  void auditPagesAreBoundedAndTheirCursorIsASequence() {
    assertThat(ListAudit.newest(Limits.AUDIT_PAGE_MAX).limit()).isEqualTo(Limits.AUDIT_PAGE_MAX);
    assertThatThrownBy(() -> ListAudit.newest(0)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ListAudit.newest(Limits.AUDIT_PAGE_MAX + 1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new ListAudit(Optional.empty(), TimeRange.ALL, OptionalLong.of(0), 10))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("before"));
    assertThatThrownBy(
            () ->
                new ListAudit(
                    Optional.of("t".repeat(Limits.AUDIT_TARGET_MAX_CHARS + 1)),
                    TimeRange.ALL,
                    OptionalLong.empty(),
                    10))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void snapshotsAreCheckedWhereTheyAreNamed() {
    assertThat(SaveSnapshot.of("Session 1").data()).isEqualTo(JsonValue.emptyObject());
    assertThatThrownBy(() -> new SaveSnapshot("", JsonValue.emptyObject(), List.of()))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("summary"));
    assertThatThrownBy(() -> new ListSnapshots(Optional.of("not-a-cursor"), 10))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("cursor"));
    assertThatThrownBy(() -> ListSnapshots.newest(Limits.PAGE_MAX + 1))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void stateWritesRejectANegativeExpectedVersion() {
    StateKey key = StateKey.of("k");
    assertThat(SetState.of(key, JsonValue.of(1)).expectedVersion()).isEmpty();
    assertThatThrownBy(() -> new SetState(key, JsonValue.of(1), OptionalLong.of(-1)))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e -> assertThat(((ValidationException) e).field()).isEqualTo("expected_version"));
    assertThatThrownBy(() -> new PatchState(key, JsonValue.emptyObject(), OptionalLong.of(-1)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new DeleteState(key, OptionalLong.of(-2)))
        .isInstanceOf(ValidationException.class);
  }
}
