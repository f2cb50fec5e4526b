package dev.memkit.store.json;

import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.out.MemoryVector;
import dev.memkit.core.port.out.VectorRecords;
import dev.memkit.core.store.engine.RecordSet;
import dev.memkit.core.store.engine.RecordTransaction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A unit of work's embeddings, in {@link VectorFile} (opened at its first use) rather than the
 * journal: derived data, so a put is kept even when its unit of work fails (the vector's text hash
 * still tells whether it is current).
 */
final class FileVectors implements VectorRecords {
  private final RecordTransaction tx;
  private final Supplier<VectorFile> file;

  FileVectors(RecordTransaction tx, Supplier<VectorFile> file) {
    this.tx = tx;
    this.file = file;
  }

  private boolean exists(Namespace namespace, long id) {
    return namespace.equals(tx.records().memoryOwner(id));
  }

  @Override
  public void put(MemoryVector vector) {
    tx.requireWritable();
    if (tx.records().memoryOwner(vector.memory().value()) != null) {
      file.get().put(vector);
    }
  }

  @Override
  public void forEach(Namespace namespace, String model, Consumer<MemoryVector> sink) {
    RecordSet records = tx.records();
    file.get().compact(id -> records.memoryOwner(id) != null);
    file.get().live(model, id -> exists(namespace, id)).values().forEach(sink);
  }

  @Override
  public void delete(MemoryId id) {
    tx.requireWritable();
    file.get().remove(id.value());
  }

  @Override
  public long count(Namespace namespace, String model) {
    return file.get().live(model, id -> exists(namespace, id)).size();
  }
}
