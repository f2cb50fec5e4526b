package dev.memkit.core.port.in;

import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryPage;
import dev.memkit.core.model.SearchHit;
import java.util.List;
import java.util.Optional;

/** The memory log of one namespace, its search and its session snapshots. */
public interface MemoryUseCase {
  /**
   * Stores a memory. When the command has a client key already used in this namespace, nothing is
   * stored and the earlier memory is returned with {@code created == false}.
   */
  MemoryAdded add(AddMemory command);

  /**
   * Stores many memories in one atomic write, as {@link #add} would one by one: every memory is
   * stored, or none is. A memory whose client key is already used in this namespace (or earlier in
   * the same list) is not stored again; its result holds the earlier memory with {@code created ==
   * false}. This is what importers use, so a second import adds nothing.
   *
   * @return one result per command, in order
   * @throws dev.memkit.core.error.ValidationException when the list holds more than {@link
   *     dev.memkit.core.model.Limits#BATCH_MAX_MEMORIES} commands
   */
  List<MemoryAdded> addAll(List<AddMemory> commands);

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
  Memory saveSnapshot(SaveSnapshot command);

  /** A page of snapshots, newest first. */
  MemoryPage listSnapshots(ListSnapshots query);

  /** The newest snapshot, if any. */
  Optional<Memory> latestSnapshot();
}
