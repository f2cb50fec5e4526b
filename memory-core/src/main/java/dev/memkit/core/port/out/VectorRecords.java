package dev.memkit.core.port.out;

import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import java.util.function.Consumer;

/**
 * Where a store keeps the embeddings of its memories, so they survive a restart. Optional: a store
 * offers it through {@link StoreTransaction#vectors()}; without it memkit keeps vectors in memory
 * only and embeds the memories again after each open.
 *
 * <p>One vector per memory. A store removes a memory's vector when it removes the memory; it need
 * not do anything when a memory changes (the vector's {@link MemoryVector#textHash()} tells).
 */
public interface VectorRecords {
  /**
   * Keeps {@code vector}, replacing the memory's earlier one; does nothing when the memory no
   * longer exists.
   */
  void put(MemoryVector vector);

  /**
   * Hands every vector of {@code namespace} made by {@code model} to {@code sink}, in no particular
   * order.
   */
  void forEach(Namespace namespace, String model, Consumer<MemoryVector> sink);

  /** Removes the vector of memory {@code id}, if any. */
  void delete(MemoryId id);

  /** How many vectors of {@code namespace} were made by {@code model}. */
  long count(Namespace namespace, String model);
}
