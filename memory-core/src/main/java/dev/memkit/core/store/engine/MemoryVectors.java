package dev.memkit.core.store.engine;

import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.out.MemoryVector;
import dev.memkit.core.port.out.VectorRecords;
import java.util.function.Consumer;

/**
 * The memories' vectors held in the {@link RecordSet}: one per memory, dropped with their memory,
 * undone with the unit.
 */
final class MemoryVectors implements VectorRecords {
  private final RecordTransaction tx;

  MemoryVectors(RecordTransaction tx) {
    this.tx = tx;
  }

  @Override
  public void put(MemoryVector vector) {
    tx.requireWritable();
    RecordSet d = tx.records();
    long id = vector.memory().value();
    if (d.memoryOwner(id) == null) {
      return;
    }
    MemoryVector old = d.putVector(vector);
    tx.changed(
        () -> {
          if (old == null) {
            d.removeVector(id);
          } else {
            d.putVector(old);
          }
        });
  }

  @Override
  public void forEach(Namespace namespace, String model, Consumer<MemoryVector> sink) {
    NamespaceRecords s = tx.records().in(namespace);
    if (s == null) {
      return;
    }
    for (MemoryVector v : tx.records().vectors.values()) {
      Memory m = s.memories.get(v.memory().value());
      if (m != null && v.model().equals(model)) {
        sink.accept(v);
      }
    }
  }

  @Override
  public void delete(MemoryId id) {
    tx.requireWritable();
    RecordSet d = tx.records();
    MemoryVector old = d.removeVector(id.value());
    if (old != null) {
      tx.changed(() -> d.putVector(old));
    }
  }

  @Override
  public long count(Namespace namespace, String model) {
    long[] n = {0};
    forEach(namespace, model, v -> n[0]++);
    return n[0];
  }
}
