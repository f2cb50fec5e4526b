package dev.memkit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memkit.core.Memkit;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.StoreHealth;
import dev.memkit.core.port.in.AddMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped at once (as in a crash) and started again while writers keep adding: during
 * the outage writes fail as "store unavailable", afterwards they succeed again on the same store,
 * and every write that was acknowledged is there.
 */
class ServerRestartTest {
  @Test
  void writesFailAsUnavailableDuringAnOutageAndNothingAcknowledgedIsLost() throws Exception {
    PostgresServer server = PostgresServer.get();
    assumeTrue(
        server.restartable(),
        "the test server is not one this JVM started, so it cannot be restarted");
    String schema = PostgresServer.schemaFor(UUID.randomUUID());
    try (Memkit memkit = TestStores.open(schema, "connect_timeout=500&retries=2&pool_size=4")) {
      ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
      AtomicInteger unavailable = new AtomicInteger();
      AtomicInteger afterRestart = new AtomicInteger();
      AtomicBoolean restarted = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> unexpected = new AtomicReference<>();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        Thread t =
            new Thread(
                () -> {
                  for (int i = 0; !stop.get() && i < 100_000; i++) {
                    String key = "w" + writer + "-" + i;
                    try {
                      memkit
                          .space()
                          .memories()
                          .add(AddMemory.of("write " + key).withKey(MemoryKey.of(key)));
                      acknowledged.add(key);
                      if (restarted.get()) {
                        afterRestart.incrementAndGet();
                      }
                    } catch (StoreUnavailableException e) {
                      unavailable.incrementAndGet();
                    } catch (RuntimeException | Error e) {
                      unexpected.compareAndSet(null, e);
                      return;
                    }
                  }
                },
                "writer " + w);
        writers.add(t);
        t.start();
      }
      PostgresServer.await(() -> acknowledged.size() >= 40, 20_000);
      assertThat(memkit.storeHealth())
          .as("readiness before the outage")
          .isEqualTo(StoreHealth.WRITABLE);
      server.stop();
      PostgresServer.await(() -> unavailable.get() >= 4, 20_000);
      StoreHealth down = memkit.storeHealth();
      assertThat(down.status())
          .as("readiness during the outage")
          .isEqualTo(StoreHealth.Status.UNAVAILABLE);
      assertThat(down.detail()).contains("cannot reach PostgreSQL");
      server.start();
      restarted.set(true);
      PostgresServer.await(() -> afterRestart.get() >= 40, 30_000);
      assertThat(memkit.storeHealth())
          .as("readiness after the restart")
          .isEqualTo(StoreHealth.WRITABLE);
      stop.set(true);
      for (Thread t : writers) {
        t.join(30_000);
      }
      assertThat(unexpected.get()).as("a failure other than store unavailable").isNull();
      assertThat(unavailable.get()).as("writes refused during the outage").isPositive();
      assertThat(afterRestart.get())
          .as("writes acknowledged after the restart")
          .isGreaterThanOrEqualTo(40);
      Set<String> stored =
          TestStores.allMemories(memkit.space()).stream()
              .map(Memory::key)
              .flatMap(java.util.Optional::stream)
              .map(MemoryKey::value)
              .collect(Collectors.toSet());
      assertThat(stored).containsAll(acknowledged);
    } finally {
      if (!server.reachable()) {
        server.start();
      }
    }
  }
}
