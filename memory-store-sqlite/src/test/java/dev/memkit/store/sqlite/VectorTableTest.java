package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.out.MemoryVector;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorTableTest {
  private static final Namespace NS = Namespace.DEFAULT;

  @TempDir Path dir;

  private Store open() {
    return new SqliteStoreProvider()
        .open(StoreLocation.parse("sqlite:" + dir.resolve("memkit.db"), Map.of()));
  }

  private Memory add(String text) {
    MemkitOptions options =
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING);
    try (Memkit memkit = Memkit.open("sqlite:" + dir.resolve("memkit.db"), options)) {
      return memkit.space(NS, Actor.EMBEDDED).memories().add(AddMemory.of(text)).memory();
    }
  }

  private static List<MemoryVector> all(Store store, String model) {
    return store.read(
        tx -> {
          List<MemoryVector> out = new ArrayList<>();
          tx.vectors().orElseThrow().forEach(NS, model, out::add);
          return out;
        });
  }

  @Test
  void vectorsSurviveReopeningWithTheirModelAndTextHash() {
    Memory m = add("Alice prefers dark roast");
    try (Store store = open()) {
      store.write(
          tx -> {
            tx.vectors()
                .orElseThrow()
                .put(new MemoryVector(m.id(), "model-a", 42, new float[] {0.5f, -1.25f, 3f}));
            return null;
          });
    }
    try (Store store = open()) {
      List<MemoryVector> found = all(store, "model-a");
      assertThat(found).hasSize(1);
      assertThat(found.get(0).memory()).isEqualTo(m.id());
      assertThat(found.get(0).textHash()).isEqualTo(42);
      assertThat(found.get(0).values()).containsExactly(0.5f, -1.25f, 3f);
      assertThat(all(store, "model-b")).isEmpty();
      long count = store.read(tx -> tx.vectors().orElseThrow().count(NS, "model-a"));
      assertThat(count).isEqualTo(1);
    }
  }

  @Test
  void aNewerVectorReplacesTheOldAndDeletingTheMemoryDropsIt() {
    Memory m = add("Deployed v1.2");
    try (Store store = open()) {
      store.write(
          tx -> {
            tx.vectors()
                .orElseThrow()
                .put(new MemoryVector(m.id(), "model-a", 1, new float[] {1f}));
            tx.vectors()
                .orElseThrow()
                .put(new MemoryVector(m.id(), "model-b", 2, new float[] {2f}));
            return null;
          });
      assertThat(all(store, "model-a")).isEmpty();
      assertThat(all(store, "model-b")).hasSize(1);
      store.write(tx -> tx.memories().delete(NS, m.id()));
      assertThat(all(store, "model-b")).isEmpty();
    }
  }

  @Test
  void aVectorOfAMemoryThatNoLongerExistsIsNotKept() throws Exception {
    Memory m = add("short-lived");
    try (Store store = open()) {
      store.write(tx -> tx.memories().delete(NS, m.id()));
      store.write(
          tx -> {
            tx.vectors()
                .orElseThrow()
                .put(new MemoryVector(m.id(), "model-a", 1, new float[] {1f}));
            return null;
          });
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("memkit.db"));
        var rs = c.createStatement().executeQuery("SELECT count(*) FROM memory_vectors")) {
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void aVersion1DatabaseGainsTheVectorTableOnOpen() throws Exception {
    add("written by schema 2");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("memkit.db"))) {
      c.createStatement().execute("DROP TRIGGER memory_vectors_delete");
      c.createStatement().execute("DROP TABLE memory_vectors");
      c.createStatement().execute("PRAGMA user_version = 1");
    }
    Memory m = add("after the upgrade");
    try (Store store = open()) {
      store.write(
          tx -> {
            tx.vectors()
                .orElseThrow()
                .put(new MemoryVector(m.id(), "model-a", 7, new float[] {1f, 2f}));
            return null;
          });
      assertThat(all(store, "model-a")).hasSize(1);
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("memkit.db"));
        var rs = c.createStatement().executeQuery("PRAGMA user_version")) {
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
  }
}
