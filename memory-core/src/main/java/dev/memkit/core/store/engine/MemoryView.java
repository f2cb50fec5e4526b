package dev.memkit.core.store.engine;

import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.port.out.MemoryRecords;
import dev.memkit.core.port.out.MemoryVector;
import dev.memkit.core.search.Bm25Index;
import dev.memkit.core.search.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;

/** A unit of work's memories, searched with the namespace's {@link Bm25Index}. */
final class MemoryView implements MemoryRecords {
  private final RecordTransaction tx;

  MemoryView(RecordTransaction tx) {
    this.tx = tx;
  }

  @Override
  public MemoryId nextId() {
    tx.requireWritable();
    RecordSet d = tx.records();
    long previous = d.lastMemoryId;
    d.lastMemoryId++;
    tx.changed(() -> d.lastMemoryId = previous);
    return MemoryId.of(d.lastMemoryId);
  }

  @Override
  public void put(Memory memory) {
    tx.requireWritable();
    RecordSet d = tx.records();
    long previousLast = d.lastMemoryId;
    Memory old = d.putMemory(memory);
    tx.changed(
        () -> {
          d.removeMemory(memory.id().value());
          if (old != null) {
            d.putMemory(old);
          }
          d.lastMemoryId = previousLast;
        });
    tx.changes().memoryPut(memory);
  }

  @Override
  public Optional<Memory> find(Namespace namespace, MemoryId id) {
    NamespaceRecords s = tx.records().in(namespace);
    return s == null ? Optional.empty() : Optional.ofNullable(s.memories.get(id.value()));
  }

  @Override
  public Optional<Memory> findByKey(Namespace namespace, MemoryKey key) {
    return Optional.ofNullable(tx.records().findByKey(namespace, key));
  }

  @Override
  public Optional<Namespace> ownerOf(MemoryId id) {
    return Optional.ofNullable(tx.records().memoryOwner(id.value()));
  }

  /** Deletes the memory and, when the vectors are held in memory, its vector. */
  @Override
  public boolean delete(Namespace namespace, MemoryId id) {
    tx.requireWritable();
    if (find(namespace, id).isEmpty()) {
      return false;
    }
    RecordSet d = tx.records();
    Memory old = d.removeMemory(id.value());
    MemoryVector vector = d.removeVector(id.value());
    tx.changed(
        () -> {
          d.putMemory(old);
          if (vector != null) {
            d.putVector(vector);
          }
        });
    tx.changes().memoryDeleted(namespace, id);
    return true;
  }

  @Override
  public void deleteAll(Namespace namespace) {
    NamespaceRecords s = tx.records().in(namespace);
    if (s != null) {
      for (Long id : new ArrayList<>(s.memories.keySet())) {
        delete(namespace, MemoryId.of(id));
      }
    }
  }

  @Override
  public long count(Namespace namespace) {
    NamespaceRecords s = tx.records().in(namespace);
    return s == null ? 0 : s.memories.size();
  }

  @Override
  public List<Memory> list(
      Namespace namespace, MemoryFilter filter, Optional<MemoryId> before, int limit) {
    NamespaceRecords s = tx.records().in(namespace);
    if (s == null) {
      return List.of();
    }
    NavigableMap<Long, Memory> view =
        before.isPresent() ? s.memories.headMap(before.get().value(), false) : s.memories;
    List<Memory> out = new ArrayList<>();
    for (Memory m : view.descendingMap().values()) {
      if (out.size() >= limit) {
        break;
      }
      if (filter.matches(m)) {
        out.add(m);
      }
    }
    return out;
  }

  @Override
  public List<SearchHit> search(
      Namespace namespace, SearchQuery query, MemoryFilter filter, int limit) {
    NamespaceRecords s = tx.records().in(namespace);
    if (s == null) {
      return List.of();
    }
    List<SearchHit> hits = new ArrayList<>();
    for (Bm25Index.Scored scored : s.searchIndex().score(query.terms())) {
      Memory m = s.memories.get(scored.id());
      if (m != null && filter.matches(m)) {
        hits.add(new SearchHit(m, scored.score(), scored.matchedTerms()));
      }
    }
    hits.sort(SearchHit.BEST_FIRST);
    return hits.size() > limit ? new ArrayList<>(hits.subList(0, limit)) : hits;
  }
}
