package dev.memkit.core.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.out.StoreTransaction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The record engine's writes, undo and gradual copy. */
class RecordEngineTest {
  private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");
  private static final Namespace A = Namespace.of("a");
  private static final Namespace B = Namespace.of("b");
  private static final Namespace C = Namespace.of("c");

  private final RecordEngine engine =
      new RecordEngine("mem:test", new RecordSet(), new AuditList(), null);

  private static Memory memory(Namespace ns, long id, String text) {
    return new Memory(
        MemoryId.of(id),
        ns,
        text,
        List.of(),
        Kind.NOTE,
        JsonValue.emptyObject(),
        Optional.empty(),
        Optional.empty(),
        AT,
        AT);
  }

  private static StateEntry state(Namespace ns, String key, String value) {
    return new StateEntry(ns, StateKey.of(key), JsonValue.of(value), 1, AT);
  }

  private static Goal goal(Namespace ns, long id, String title) {
    return new Goal(GoalId.of(id), ns, title, GoalStatus.NEW, Optional.empty(), List.of(), AT, AT);
  }

  private void write(Consumer<StoreTransaction> work) {
    engine.write(
        tx -> {
          work.accept(tx);
          return null;
        },
        CommitLog.NONE);
  }

  private FrozenRecords freezeAtOnce() {
    return engine.shared(() -> engine.records().freeze());
  }

  private void fill() {
    write(
        tx -> {
          for (int i = 0; i < 20; i++) {
            tx.state().put(state(A, "k" + (i < 10 ? "0" : "") + i, "v" + i));
          }
          for (long id = 1; id <= 60; id++) {
            tx.memories().put(memory(id % 3 == 0 ? B : A, id, "memory " + id));
          }
          for (long id = 1; id <= 9; id++) {
            tx.goals().put(goal(A, id, "goal " + id));
          }
        });
  }

  @Test
  void aGradualCopyIsTheRecordsAsTheyWereWhenItBeganWhateverWritesRunBetweenItsChunks() {
    fill();
    FrozenRecords expected = freezeAtOnce();
    Deque<Consumer<StoreTransaction>> writes =
        new ArrayDeque<>(
            List.of(
                tx -> tx.memories().put(memory(A, 61, "added during the copy")),
                tx -> tx.memories().delete(A, MemoryId.of(1)),
                tx -> tx.memories().put(memory(A, 59, "memory 59, changed")),
                tx -> tx.memories().put(memory(C, 2, "memory 2, moved to c")),
                tx -> tx.state().delete(A, StateKey.of("k01")),
                tx -> tx.state().put(state(A, "k00", "changed")),
                tx -> tx.state().put(state(A, "k05a", "new between k05 and k06")),
                tx -> tx.goals().delete(A, GoalId.of(2)),
                tx -> tx.goals().put(goal(B, 10, "a goal in b")),
                tx -> tx.memories().deleteAll(B),
                tx -> tx.memories().put(memory(A, 1, "memory 1, back again"))));

    FrozenRecords copied =
        engine.freezeGradually(
            records -> {},
            4,
            () -> {
              if (!writes.isEmpty()) {
                write(writes.pop());
              }
            });

    assertThat(writes).as("every write ran while the copy was under way").isEmpty();
    assertThat(copied).isEqualTo(expected);
    FrozenRecords now = freezeAtOnce();
    assertThat(now).isNotEqualTo(expected);
    assertThat(engine.freezeGradually(records -> {}, 4, () -> {})).isEqualTo(now);
  }

  @Test
  void aWriteUndoneDuringAGradualCopyLeavesTheCopyAsItBegan() {
    fill();
    FrozenRecords expected = freezeAtOnce();
    boolean[] failed = {false};

    FrozenRecords copied =
        engine.freezeGradually(
            records -> {},
            8,
            () -> {
              if (!failed[0]) {
                failed[0] = true;
                assertThatThrownBy(
                        () ->
                            write(
                                tx -> {
                                  tx.memories().delete(A, MemoryId.of(4));
                                  tx.state().put(state(A, "k02", "never kept"));
                                  throw new IllegalStateException("the unit fails");
                                }))
                    .hasMessage("the unit fails");
              }
            });

    assertThat(copied).isEqualTo(expected);
    assertThat(freezeAtOnce()).isEqualTo(expected);
  }

  @Test
  void aFailedUnitOfWorkLeavesNothingBehindAndAReadMayNotWrite() {
    fill();
    FrozenRecords before = freezeAtOnce();

    assertThatThrownBy(
            () ->
                write(
                    tx -> {
                      tx.memories().put(memory(A, tx.memories().nextId().value(), "never kept"));
                      tx.goals().delete(A, GoalId.of(1));
                      tx.audit()
                          .append(
                              new AuditEntry(
                                  0,
                                  AT,
                                  A,
                                  dev.memkit.core.model.Actor.of("test"),
                                  "memory.add",
                                  "memory:61",
                                  Optional.empty(),
                                  Optional.empty(),
                                  ""));
                      throw new IllegalArgumentException("no");
                    }))
        .hasMessage("no");

    assertThat(freezeAtOnce()).isEqualTo(before);
    assertThat(engine.audit().lastSequence()).isZero();
    assertThatThrownBy(
            () ->
                engine.read(
                    tx -> {
                      tx.state().put(state(A, "x", "y"));
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a read may not write");
  }

  @Test
  void theAtTheMomentStepSeesTheRecordsTheCopyReflects() {
    fill();
    long[] seen = new long[1];

    FrozenRecords copied =
        engine.freezeGradually(records -> seen[0] = records.records(), 16, () -> {});

    assertThat(copied.records()).isEqualTo(seen[0]).isEqualTo(20 + 60 + 9);
  }
}
