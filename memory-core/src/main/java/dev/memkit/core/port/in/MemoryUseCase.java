package dev.memkit.core.port.in;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryPage;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.Tag;
import java.util.List;
import java.util.Optional;

/** The memory log of one namespace, its search and its session snapshots. */
public interface MemoryUseCase {
  /**
   * Stores a memory. When the command has a client key already used in this namespace, nothing is
   * stored and the earlier memory is returned with {@code created == false}.
   */
  MemoryAdded add(AddMemory command);

  /** The memory {@code id}, if it exists in this namespace. */
  Optional<Memory> find(MemoryId id);

  /**
   * Changes a memory.
   *
   * @throws dev.memkit.core.error.NotFoundException when there is no such memory here
   */
  Memory update(MemoryId id, UpdateMemory changes);

  /**
   * Deletes a memory.
   *
   * @throws dev.memkit.core.error.NotFoundException when there is no such memory here
   */
  void delete(MemoryId id);

  /** A page of memories, newest first. */
  MemoryPage list(ListMemories query);

  /**
   * Memories relevant to a natural-language query, best first: more of the query's words (after
   * stemming, stop words aside) first, then BM25 relevance, then newer.
   */
  List<SearchHit> search(SearchMemories query);

  /** Saves a session snapshot: a memory of kind {@code snapshot} with optional structured data. */
  Memory saveSnapshot(String summary, JsonValue.JsonObject data, List<Tag> tags);

  /** A page of snapshots, newest first. */
  MemoryPage listSnapshots(Optional<String> cursor, int limit);

  /** The newest snapshot, if any. */
  Optional<Memory> latestSnapshot();
}
