package dev.memkit.core.service;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.MemoryPage;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.MemoryAdded;
import dev.memkit.core.port.in.MemoryUseCase;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.UpdateMemory;
import dev.memkit.core.port.out.Observer;
import dev.memkit.core.port.out.StoreTransaction;
import dev.memkit.core.search.SearchQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The memory log use cases of one namespace. */
public final class MemoryService implements MemoryUseCase {
  private final Scope scope;
  private final Observer observer;

  /** Serves the memories of {@code scope}'s namespace. */
  public MemoryService(Scope scope) {
    this(scope, Observer.NONE);
  }

  /** Serves the memories of {@code scope}'s namespace, telling {@code observer} how searches went. */
  public MemoryService(Scope scope, Observer observer) {
    this.scope = scope;
    this.observer = java.util.Objects.requireNonNull(observer, "observer");
  }

  @Override
  public MemoryAdded add(AddMemory command) {
    return add(command, "memory.add");
  }

  private MemoryAdded add(AddMemory command, String action) {
    Limits.required(command, "memory");
    return scope.store().write(tx -> add(tx, command, action, new HashMap<>()));
  }

  @Override
  public List<MemoryAdded> addAll(List<AddMemory> commands) {
    Limits.required(commands, "memories");
    Limits.require(commands.size() <= Limits.BATCH_MAX_MEMORIES, "memories",
        "must hold at most " + Limits.BATCH_MAX_MEMORIES + " memories per call, got " + commands.size());
    commands.forEach(c -> Limits.required(c, "memories"));
    if (commands.isEmpty()) {
      return List.of();
    }
    List<AddMemory> batch = List.copyOf(commands);
    return scope.store().write(tx -> {
      Map<MemoryKey, Memory> addedHere = new HashMap<>();
      List<MemoryAdded> results = new ArrayList<>(batch.size());
      for (AddMemory command : batch) {
        results.add(add(tx, command, "memory.add", addedHere));
      }
      return List.copyOf(results);
    });
  }

  /** Adds one memory inside {@code tx}; {@code addedHere} holds the keyed memories this unit added already. */
  private MemoryAdded add(StoreTransaction tx, AddMemory command, String action, Map<MemoryKey, Memory> addedHere) {
    if (command.key().isPresent()) {
      MemoryKey key = command.key().get();
      Optional<Memory> existing = Optional.ofNullable(addedHere.get(key))
          .or(() -> tx.memories().findByKey(scope.namespace(), key));
      if (existing.isPresent()) {
        return new MemoryAdded(existing.get(), false);
      }
    }
    Instant now = scope.now();
    Memory memory = new Memory(tx.memories().nextId(), scope.namespace(), command.text(), command.tags(),
        command.kind(), command.metadata(), command.occurredAt(), command.key(), now, now);
    tx.memories().put(memory);
    scope.audit(tx, action, target(memory.id()), Optional.empty(), Optional.of(RecordJson.memory(memory)));
    command.key().ifPresent(key -> addedHere.put(key, memory));
    return new MemoryAdded(memory, true);
  }

  @Override
  public Optional<Memory> find(MemoryId id) {
    Limits.required(id, "id");
    return scope.store().read(tx -> tx.memories().find(scope.namespace(), id));
  }

  @Override
  public Memory update(MemoryId id, UpdateMemory changes) {
    Limits.required(id, "id");
    Limits.required(changes, "update");
    return scope.store().write(tx -> {
      Memory current = tx.memories().find(scope.namespace(), id).orElseThrow(() -> notFound(id));
      Memory next = new Memory(id, scope.namespace(),
          changes.text().orElse(current.text()),
          changes.tags().orElse(current.tags()),
          changes.kind().orElse(current.kind()),
          changes.metadata().orElse(current.metadata()),
          changes.occurredAt().isPresent() ? changes.occurredAt() : current.occurredAt(),
          current.key(), current.createdAt(), scope.now());
      tx.memories().put(next);
      scope.audit(tx, "memory.update", target(id), Optional.of(RecordJson.memory(current)), Optional.of(RecordJson.memory(next)));
      return next;
    });
  }

  @Override
  public void delete(MemoryId id) {
    Limits.required(id, "id");
    scope.store().write(tx -> {
      Memory current = tx.memories().find(scope.namespace(), id).orElseThrow(() -> notFound(id));
      tx.memories().delete(scope.namespace(), id);
      scope.audit(tx, "memory.delete", target(id), Optional.of(RecordJson.memory(current)), Optional.empty());
      return null;
    });
  }

  @Override
  public MemoryPage list(ListMemories query) {
    Limits.required(query, "query");
    Optional<MemoryId> before = query.cursor().map(ListMemories::decodeCursor);
    List<Memory> items = scope.store().read(tx ->
        tx.memories().list(scope.namespace(), query.filter(), before, query.limit() + 1));
    if (items.size() > query.limit()) {
      List<Memory> page = items.subList(0, query.limit());
      return new MemoryPage(page, Optional.of(ListMemories.encodeCursor(page.get(page.size() - 1).id())));
    }
    return new MemoryPage(items, Optional.empty());
  }

  @Override
  public List<SearchHit> search(SearchMemories query) {
    Limits.required(query, "query");
    SearchQuery parsed = SearchQuery.parse(query.query());
    if (parsed.isEmpty()) {
      return List.of();
    }
    long started = System.nanoTime();
    List<SearchHit> hits = scope.store().read(tx -> tx.memories().search(scope.namespace(), parsed, query.filter(), query.limit()));
    observer.searched("keyword", hits.size(), System.nanoTime() - started);
    return hits;
  }

  @Override
  public Memory saveSnapshot(String summary, JsonValue.JsonObject data, List<Tag> tags) {
    AddMemory command = new AddMemory(Limits.text(summary, "summary", Limits.MEMORY_TEXT_MAX_CHARS),
        tags == null ? List.of() : tags, Kind.SNAPSHOT, data == null ? JsonValue.emptyObject() : data,
        Optional.empty(), Optional.empty());
    return add(command, "snapshot.save").memory();
  }

  @Override
  public MemoryPage listSnapshots(Optional<String> cursor, int limit) {
    return list(new ListMemories(MemoryFilter.ALL.withKind(Kind.SNAPSHOT), cursor == null ? Optional.empty() : cursor, limit));
  }

  @Override
  public Optional<Memory> latestSnapshot() {
    return listSnapshots(Optional.empty(), 1).items().stream().findFirst();
  }

  static String target(MemoryId id) {
    return "memory:" + id.value();
  }

  private static NotFoundException notFound(MemoryId id) {
    return new NotFoundException("memory " + id.value());
  }
}
