package dev.memkit.core.port.out;

import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.search.SearchQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where memories are kept and searched. */
public interface MemoryRecords {
  /**
   * Reserves the id of the next memory: greater than every id this store has ever handed out or
   * been given through {@link #put}, in any namespace, including ids since deleted.
   */
  MemoryId nextId();

  /**
   * Inserts {@code memory}, or replaces the memory with its id (which is in the same namespace).
   */
  void put(Memory memory);

  /** The memory {@code id} if it belongs to {@code namespace}. */
  Optional<Memory> find(Namespace namespace, MemoryId id);

  /**
   * The memories of {@code namespace} among {@code ids}, by id; an id of no memory there is absent.
   * Stores that can read many rows at once override this single-lookup default (a semantic search
   * reads its candidates this way).
   */
  default Map<MemoryId, Memory> findAll(Namespace namespace, Collection<MemoryId> ids) {
    Map<MemoryId, Memory> found = new HashMap<>();
    for (MemoryId id : ids) {
      find(namespace, id).ifPresent(m -> found.put(id, m));
    }
    return found;
  }

  /** The memory of {@code namespace} added with client key {@code key}, if any. */
  Optional<Memory> findByKey(Namespace namespace, MemoryKey key);

  /** The namespace of memory {@code id}, if it exists anywhere. */
  Optional<Namespace> ownerOf(MemoryId id);

  /** Removes memory {@code id} of {@code namespace}; returns whether it existed there. */
  boolean delete(Namespace namespace, MemoryId id);

  /** Removes every memory of {@code namespace}. */
  void deleteAll(Namespace namespace);

  /** How many memories {@code namespace} holds. */
  long count(Namespace namespace);

  /**
   * Memories of {@code namespace} passing {@code filter}, newest first (by id, descending), only
   * those with an id below {@code before} when given, at most {@code limit}.
   */
  List<Memory> list(Namespace namespace, MemoryFilter filter, Optional<MemoryId> before, int limit);

  /**
   * Every memory of {@code namespace}, oldest first, read with {@link #list} in pages of a thousand
   * (for exports and backups).
   */
  default List<Memory> all(Namespace namespace) {
    int page = 1_000;
    List<Memory> all = new ArrayList<>();
    Optional<MemoryId> before = Optional.empty();
    while (true) {
      List<Memory> rows = list(namespace, MemoryFilter.ALL, before, page);
      all.addAll(rows);
      if (rows.size() < page) {
        break;
      }
      before = Optional.of(rows.get(rows.size() - 1).id());
    }
    Collections.reverse(all);
    return all;
  }

  /**
   * Memories of {@code namespace} passing {@code filter} that contain at least one of the query's
   * terms (after stemming), best first: more distinct terms matched first, then higher BM25 score,
   * then newer. At most {@code limit}. Never fails on the query's content.
   */
  List<SearchHit> search(Namespace namespace, SearchQuery query, MemoryFilter filter, int limit);
}
