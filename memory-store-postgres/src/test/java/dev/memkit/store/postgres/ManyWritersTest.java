package dev.memkit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.error.ConflictException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.model.TimeRange;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.core.port.in.MemoryAdded;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.SetState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sixteen writers on two replicas (two stores, each with its own connection pool, on one schema):
 * nothing lost, nothing doubled.
 */
class ManyWritersTest {
  private static final int WRITERS = 16;
  private Memkit replicaA;
  private Memkit replicaB;
  private ExecutorService threads;

  @BeforeEach
  void open() {
    String schema = PostgresServer.schemaFor(UUID.randomUUID());
    replicaA = TestStores.open(schema, "pool_size=8");
    replicaB = TestStores.open(schema, "pool_size=8");
    threads = Executors.newFixedThreadPool(WRITERS);
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    replicaA.close();
    replicaB.close();
  }

  private Memkit replica(int writer) {
    return writer % 2 == 0 ? replicaA : replicaB;
  }

  /** Runs {@code work} on every writer at once and returns their results. */
  private <T> List<T> everyWriter(WriterWork<T> work) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      futures.add(
          threads.submit(
              (Callable<T>)
                  () -> {
                    go.await();
                    return work.run(writer, replica(writer));
                  }));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(120, TimeUnit.SECONDS));
    }
    return results;
  }

  @FunctionalInterface
  private interface WriterWork<T> {
    T run(int writer, Memkit memkit) throws Exception;
  }

  @Test
  void theSameKeyAddedEverywhereAtOnceGivesOneMemory() throws Exception {
    int keys = 20;
    int own = 10;
    List<List<MemoryAdded>> results =
        everyWriter(
            (writer, memkit) -> {
              List<MemoryAdded> added = new ArrayList<>();
              for (int k = 0; k < keys; k++) {
                added.add(
                    memkit
                        .space()
                        .memories()
                        .add(AddMemory.of("shared " + k).withKey(MemoryKey.of("key-" + k))));
                if (k < own) {
                  added.add(
                      memkit
                          .space()
                          .memories()
                          .add(AddMemory.of("writer " + writer + " note " + k)));
                }
              }
              return added;
            });
    List<MemoryAdded> all = results.stream().flatMap(List::stream).toList();
    List<MemoryAdded> keyed = all.stream().filter(a -> a.memory().key().isPresent()).toList();
    assertThat(keyed.stream().filter(MemoryAdded::created)).hasSize(keys);
    for (int k = 0; k < keys; k++) {
      String key = "key-" + k;
      assertThat(
              keyed.stream()
                  .filter(a -> a.memory().key().get().value().equals(key))
                  .map(a -> a.memory().id())
                  .distinct())
          .as(key)
          .hasSize(1);
    }
    List<Memory> stored = TestStores.allMemories(replicaA.space());
    assertThat(stored).hasSize(keys + WRITERS * own);
    assertThat(stored.stream().map(Memory::id).distinct()).hasSize(keys + WRITERS * own);
    assertThat(audit(replicaB, "memory.add")).hasSize(keys + WRITERS * own);
  }

  @Test
  void compareAndSetLosesNoIncrementAndCountsEveryConflict() throws Exception {
    StateKey counter = StateKey.of("counter");
    replicaA.space().state().set(counter, JsonValue.of(0));
    int increments = 15;
    AtomicInteger conflicts = new AtomicInteger();
    AtomicInteger attempts = new AtomicInteger();
    everyWriter(
        (writer, memkit) -> {
          int done = 0;
          while (done < increments) {
            StateEntry current = memkit.space().state().get(counter).orElseThrow();
            long value = ((JsonValue.JsonNumber) current.value()).value().longValueExact();
            attempts.incrementAndGet();
            try {
              memkit
                  .space()
                  .state()
                  .set(
                      new SetState(
                          counter, JsonValue.of(value + 1), OptionalLong.of(current.version())));
              done++;
            } catch (ConflictException e) {
              conflicts.incrementAndGet();
            }
          }
          return done;
        });
    StateEntry last = replicaB.space().state().get(counter).orElseThrow();
    int total = WRITERS * increments;
    assertThat(((JsonValue.JsonNumber) last.value()).value())
        .isEqualByComparingTo(BigDecimal.valueOf(total));
    assertThat(last.version()).isEqualTo(total + 1L);
    assertThat(attempts.get()).isEqualTo(total + conflicts.get());
    assertThat(audit(replicaA, "state.set")).hasSize(total + 1);
  }

  @Test
  void mergePatchesFromEveryWriterAreAllKept() throws Exception {
    StateKey shared = StateKey.of("shared");
    int patches = 8;
    everyWriter(
        (writer, memkit) -> {
          for (int i = 0; i < patches; i++) {
            memkit
                .space()
                .state()
                .mergePatch(
                    new PatchState(
                        shared,
                        JsonValue.objectBuilder().put("w" + writer + "_" + i, i).build(),
                        OptionalLong.empty()));
          }
          return null;
        });
    StateEntry merged = replicaA.space().state().get(shared).orElseThrow();
    assertThat(((JsonValue.JsonObject) merged.value()).members()).hasSize(WRITERS * patches);
    assertThat(merged.version()).isEqualTo((long) WRITERS * patches);
    assertThat(audit(replicaB, "state.patch")).hasSize(WRITERS * patches);
  }

  @Test
  void idsFromBothReplicasAreDistinctAndIncreasingPerWriter() throws Exception {
    ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
    everyWriter(
        (writer, memkit) -> {
          long previous = 0;
          for (int i = 0; i < 10; i++) {
            long id =
                memkit
                    .space("ids")
                    .memories()
                    .add(AddMemory.of("w" + writer + " " + i))
                    .memory()
                    .id()
                    .value();
            assertThat(id).isGreaterThan(previous);
            previous = id;
            ids.add(id);
          }
          return null;
        });
    Set<Long> distinct = new HashSet<>(ids);
    assertThat(distinct).hasSize(WRITERS * 10);
  }

  private static List<AuditEntry> audit(Memkit memkit, String action) {
    List<AuditEntry> out = new ArrayList<>();
    OptionalLong before = OptionalLong.empty();
    while (true) {
      List<AuditEntry> page =
          memkit
              .space()
              .audit()
              .list(new ListAudit(Optional.empty(), TimeRange.ALL, before, 500))
              .items();
      page.stream().filter(e -> e.action().equals(action)).forEach(out::add);
      if (page.size() < 500) {
        return out;
      }
      before = OptionalLong.of(page.get(page.size() - 1).sequence());
    }
  }
}
