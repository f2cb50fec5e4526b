package dev.memkit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.store.jdbc.ConcurrentChange;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's units of work, below the core's services. */
class PgStoreTest {
  private static final Namespace NS = Namespace.of("default");
  private Store store;

  private static Store open(String parameters) {
    String uri = PostgresServer.get().uri(PostgresServer.schemaFor(UUID.randomUUID()), parameters);
    return new PostgresStoreProvider().open(StoreLocation.parse(uri, Map.of()));
  }

  @BeforeEach
  void openStore() {
    store = open("retries=2");
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static StateEntry entry(String key, int value) {
    return new StateEntry(
        NS, StateKey.of(key), JsonValue.of(value), 1, Instant.parse("2026-12-01T00:00:00Z"));
  }

  private java.util.Optional<StateEntry> find(String key) {
    return store.read(tx -> tx.state().find(NS, StateKey.of(key)));
  }

  @Test
  void aUnitOfWorkThatThrowsKeepsNothingItWrote() {
    assertThatThrownBy(
            () ->
                store.write(
                    tx -> {
                      tx.state().put(entry("k", 1));
                      throw new IllegalArgumentException("changed my mind");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("changed my mind");
    assertThat(find("k")).isEmpty();
  }

  @Test
  void aUnitOfWorkThatKeepsMeetingConcurrentChangesFailsAsUnavailableAfterItsRetries() {
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(
            () ->
                store.write(
                    tx -> {
                      runs.incrementAndGet();
                      tx.state().put(entry("k", runs.get()));
                      throw new ConcurrentChange("state key 'k'");
                    }))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("3 attempts")
        .hasMessageContaining("nothing was changed");
    assertThat(runs.get()).isEqualTo(3);
    assertThat(find("k")).isEmpty();
  }

  @Test
  void aReadMayNotWrite() {
    assertThatThrownBy(
            () ->
                store.read(
                    tx -> {
                      tx.state().put(entry("k", 1));
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(find("k")).isEmpty();
  }

  @Test
  void workOnAnotherStoreInsideAUnitOfWorkUsesThatStore() {
    try (Store other = open("")) {
      other.write(
          tx -> {
            tx.state().put(entry("there", 2));
            return null;
          });
      boolean seenThere =
          store.write(
              tx -> {
                tx.state().put(entry("here", 1));
                return other.read(
                    o ->
                        o.state().find(NS, StateKey.of("there")).isPresent()
                            && o.state().find(NS, StateKey.of("here")).isEmpty());
              });
      assertThat(seenThere).isTrue();
    }
  }

  @Test
  void aClosedStoreIsUnavailable() {
    store.close();
    assertThatThrownBy(() -> store.read(tx -> tx.namespaces()))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("closed");
    store.close();
  }
}
