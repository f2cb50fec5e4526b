package dev.memkit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.out.MemoryVector;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.port.out.VectorRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Memories' embeddings kept in PostgreSQL, so hybrid search need not embed everything again after a
 * restart.
 */
class VectorTableTest {
  private static final String MODEL = "test-model";

  private static Store open(String schema) {
    return new PostgresStoreProvider()
        .open(StoreLocation.parse(PostgresServer.get().uri(schema, "retries=2"), Map.of()));
  }

  private static <T> T vectors(Store store, Function<VectorRecords, T> work) {
    return store.write(tx -> work.apply(tx.vectors().orElseThrow()));
  }

  private static long count(Store store, String namespace, String model) {
    return store.read(tx -> tx.vectors().orElseThrow().count(Namespace.of(namespace), model));
  }

  private static List<MemoryVector> all(Store store, String namespace, String model) {
    List<MemoryVector> out = new ArrayList<>();
    store.read(
        tx -> {
          tx.vectors().orElseThrow().forEach(Namespace.of(namespace), model, out::add);
          return null;
        });
    return out;
  }

  @Test
  void vectorsAreKeptPerNamespaceAndModelReplacedAndGoneWithTheirMemory() {
    String schema = PostgresServer.schemaFor(UUID.randomUUID());
    Store store = open(schema);
    try (Memkit memkit = Memkit.of(store, TestStores.options())) {
      Memory a =
          memkit.space("alice").memories().add(AddMemory.of("Alice prefers dark roast")).memory();
      Memory b = memkit.space("bob").memories().add(AddMemory.of("Bob drinks tea")).memory();
      vectors(
          store,
          v -> {
            v.put(new MemoryVector(a.id(), MODEL, 1, new float[] {0.25f, -1.5f, 3f}));
            v.put(new MemoryVector(b.id(), MODEL, 2, new float[] {1f, 0f, 0f}));
            v.put(new MemoryVector(b.id(), "other-model", 3, new float[] {0f, 1f}));
            v.put(new MemoryVector(MemoryId.of(999_999), MODEL, 4, new float[] {9f}));
            return null;
          });
      assertThat(all(store, "alice", MODEL))
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.memory()).isEqualTo(a.id());
                assertThat(v.textHash()).isEqualTo(1);
                assertThat(v.values()).containsExactly(0.25f, -1.5f, 3f);
              });
      assertThat(all(store, "bob", "other-model"))
          .extracting(MemoryVector::textHash)
          .containsExactly(3);
      assertThat(count(store, "bob", MODEL)).isZero();

      vectors(
          store,
          v -> {
            v.put(new MemoryVector(a.id(), MODEL, 5, new float[] {1f, 2f, 3f}));
            return null;
          });
      assertThat(all(store, "alice", MODEL)).extracting(MemoryVector::textHash).containsExactly(5);

      memkit.space("alice").memories().delete(a.id());
      assertThat(count(store, "alice", MODEL)).isZero();
    }
    Store reopened = open(schema);
    try {
      assertThat(all(reopened, "bob", "other-model"))
          .extracting(MemoryVector::values)
          .containsExactly(new float[] {0f, 1f});
    } finally {
      reopened.close();
    }
  }
}
