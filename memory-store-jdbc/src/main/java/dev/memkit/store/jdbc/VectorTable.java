package dev.memkit.store.jdbc;

import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.out.MemoryVector;
import dev.memkit.core.port.out.VectorRecords;
import java.util.List;
import java.util.function.Consumer;

/**
 * Memories' embeddings in table {@code memory_vectors}: float32 little-endian bytes (a BLOB, a
 * {@code bytea}), one row per memory, removed with their memory by the schema (a trigger, a
 * cascading foreign key).
 */
final class VectorTable implements VectorRecords {
  private static final int PAGE = 1000;
  private final JdbcTransaction tx;

  VectorTable(JdbcTransaction tx) {
    this.tx = tx;
  }

  @Override
  public void put(MemoryVector vector) {
    long id = vector.memory().value();
    tx.writing()
        .update(
            "INSERT INTO memory_vectors (memory_id, model, text_hash, vector)"
                + " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM memories WHERE id = ?)"
                + " ON CONFLICT (memory_id) DO UPDATE SET model = excluded.model, text_hash = excluded.text_hash,"
                + " vector = excluded.vector",
            id,
            vector.model(),
            vector.textHash(),
            vector.valuesAsBytes(),
            id);
  }

  @Override
  public void forEach(Namespace namespace, String model, Consumer<MemoryVector> sink) {
    long after = Long.MIN_VALUE;
    while (true) {
      List<MemoryVector> page =
          tx.sql()
              .list(
                  "SELECT v.memory_id, v.model, v.text_hash, v.vector FROM memory_vectors v"
                      + " "
                      + tx.dialect().orderedJoin()
                      + " memories m ON m.id = v.memory_id WHERE v.memory_id > ? AND v.model = ? AND m.namespace = ?"
                      + " ORDER BY v.memory_id LIMIT ?",
                  rs ->
                      new MemoryVector(
                          MemoryId.of(rs.getLong(1)),
                          rs.getString(2),
                          rs.getInt(3),
                          MemoryVector.valuesFrom(rs.getBytes(4))),
                  after,
                  model,
                  namespace.value(),
                  PAGE);
      page.forEach(sink);
      if (page.size() < PAGE) {
        return;
      }
      after = page.get(page.size() - 1).memory().value();
    }
  }

  @Override
  public void delete(MemoryId id) {
    tx.writing().update("DELETE FROM memory_vectors WHERE memory_id = ?", id.value());
  }

  @Override
  public long count(Namespace namespace, String model) {
    return tx.sql()
        .number(
            "SELECT count(*) FROM memory_vectors v "
                + tx.dialect().orderedJoin()
                + " memories m ON m.id = v.memory_id"
                + " WHERE v.model = ? AND m.namespace = ?",
            model,
            namespace.value());
  }
}
