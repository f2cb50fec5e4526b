package dev.memkit.core.service;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.MemoryPage;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.ListSnapshots;
import dev.memkit.core.port.in.MemoryAdded;
import dev.memkit.core.port.in.MemoryUseCase;
import dev.memkit.core.port.in.SaveSnapshot;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.core.port.in.UpdateMemory;
import dev.memkit.core.port.out.Observer;
import dev.memkit.core.port.out.StoreTransaction;
import dev.memkit.core.search.Fusion;
import dev.memkit.core.search.SearchQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The memory log use cases of one namespace. With a {@link SemanticIndex} that has a model, search
 * can use meaning as well as words, and every change is queued for embedding (after the write,
 * never inside it).
 */
public final class MemoryService implements MemoryUseCase {
  /** How many hits each side of a hybrid search contributes before fusion, at least. */
  static final int FUSION_CANDIDATES = 50;

  private final ServiceContext context;
  private final Observer observer;
  private final SemanticIndex semantic;

  /** Serves the memories of {@code context}'s namespace, searching by keywords only. */
  public MemoryService(ServiceContext context) {
    this(context, Observer.NONE, null);
  }

  /**
   * Serves the memories of {@code context}'s namespace, telling {@code observer} how searches went,
   * and searching by meaning too where {@code semantic} (nullable: keywords only) can.
   */
  public MemoryService(ServiceContext context, Observer observer, SemanticIndex semantic) {
    this.context = context;
    this.observer = java.util.Objects.requireNonNull(observer, "observer");
    this.semantic = semantic;
  }

  @Override
  public MemoryAdded add(AddMemory command) {
    return add(command, "memory.add");
  }

  private MemoryAdded add(AddMemory command, String action) {
    MemoryAdded added = write(command, action);
    if (added.created() && semantic != null) {
      semantic.added(context.namespace(), added.memory().id());
    }
    return added;
  }

  private MemoryAdded write(AddMemory command, String action) {
    Limits.required(command, "memory");
    return context.store().write(tx -> add(tx, command, action, new HashMap<>()));
  }

  @Override
  public List<MemoryAdded> addAll(List<AddMemory> commands) {
    Limits.required(commands, "memories");
    Limits.require(
        commands.size() <= Limits.BATCH_MAX_MEMORIES,
        "memories",
        "must hold at most "
            + Limits.BATCH_MAX_MEMORIES
            + " memories per call, got "
            + commands.size());
    commands.forEach(c -> Limits.required(c, "memories"));
    if (commands.isEmpty()) {
      return List.of();
    }
    List<AddMemory> batch = List.copyOf(commands);
    return context
        .store()
        .write(
            tx -> {
              Map<MemoryKey, Memory> addedHere = new HashMap<>();
              List<MemoryAdded> results = new ArrayList<>(batch.size());
              for (AddMemory command : batch) {
                results.add(add(tx, command, "memory.add", addedHere));
              }
              return List.copyOf(results);
            });
  }

  /**
   * Adds one memory inside {@code tx}; {@code addedHere} holds the keyed memories this unit added
   * already.
   */
  private MemoryAdded add(
      StoreTransaction tx, AddMemory command, String action, Map<MemoryKey, Memory> addedHere) {
    if (command.key().isPresent()) {
      MemoryKey key = command.key().get();
      Optional<Memory> existing =
          Optional.ofNullable(addedHere.get(key))
              .or(() -> tx.memories().findByKey(context.namespace(), key));
      if (existing.isPresent()) {
        return new MemoryAdded(existing.get(), false);
      }
    }
    Instant now = context.now();
    Memory memory =
        new Memory(
            tx.memories().nextId(),
            context.namespace(),
            command.text(),
            command.tags(),
            command.kind(),
            command.metadata(),
            command.occurredAt(),
            command.key(),
            now,
            now);
    tx.memories().put(memory);
    context.audit(
        tx, action, target(memory.id()), Optional.empty(), Optional.of(RecordJson.memory(memory)));
    command.key().ifPresent(key -> addedHere.put(key, memory));
    return new MemoryAdded(memory, true);
  }

  @Override
  public Optional<Memory> find(MemoryId id) {
    Limits.required(id, "id");
    return context.store().read(tx -> tx.memories().find(context.namespace(), id));
  }

  @Override
  public Memory update(MemoryId id, UpdateMemory changes) {
    Limits.required(id, "id");
    Limits.required(changes, "update");
    Memory updated =
        context
            .store()
            .write(
                tx -> {
                  Memory current =
                      tx.memories().find(context.namespace(), id).orElseThrow(() -> notFound(id));
                  Memory next =
                      new Memory(
                          id,
                          context.namespace(),
                          changes.text().orElse(current.text()),
                          changes.tags().orElse(current.tags()),
                          changes.kind().orElse(current.kind()),
                          changes.metadata().orElse(current.metadata()),
                          changes.occurredAt().isPresent()
                              ? changes.occurredAt()
                              : current.occurredAt(),
                          current.key(),
                          current.createdAt(),
                          context.now());
                  tx.memories().put(next);
                  context.audit(
                      tx,
                      "memory.update",
                      target(id),
                      Optional.of(RecordJson.memory(current)),
                      Optional.of(RecordJson.memory(next)));
                  return next;
                });
    if (semantic != null) {
      semantic.changed(context.namespace(), id);
    }
    return updated;
  }

  @Override
  public void delete(MemoryId id) {
    Limits.required(id, "id");
    context
        .store()
        .write(
            tx -> {
              Memory current =
                  tx.memories().find(context.namespace(), id).orElseThrow(() -> notFound(id));
              tx.memories().delete(context.namespace(), id);
              context.audit(
                  tx,
                  "memory.delete",
                  target(id),
                  Optional.of(RecordJson.memory(current)),
                  Optional.empty());
              return null;
            });
    if (semantic != null) {
      semantic.deleted(context.namespace(), id);
    }
  }

  @Override
  public MemoryPage list(ListMemories query) {
    Limits.required(query, "query");
    Optional<MemoryId> before = query.cursor().map(ListMemories::decodeCursor);
    List<Memory> items =
        context
            .store()
            .read(
                tx ->
                    tx.memories()
                        .list(context.namespace(), query.filter(), before, query.limit() + 1));
    if (items.size() > query.limit()) {
      List<Memory> page = items.subList(0, query.limit());
      return new MemoryPage(
          page, Optional.of(ListMemories.encodeCursor(page.get(page.size() - 1).id())));
    }
    return new MemoryPage(items, Optional.empty());
  }

  @Override
  public List<SearchHit> search(SearchMemories query) {
    Limits.required(query, "query");
    SearchMode mode = modeFor(query.mode());
    long started = System.nanoTime();
    List<SearchHit> hits = search(mode, query);
    observer.searched(mode.value(), hits.size(), System.nanoTime() - started);
    return hits;
  }

  private List<SearchHit> search(SearchMode mode, SearchMemories query) {
    SearchQuery parsed = SearchQuery.parse(query.query());
    if (mode == SearchMode.KEYWORD) {
      return parsed.isEmpty() ? List.of() : keywordHits(parsed, query.filter(), query.limit());
    }
    if (query.query().codePoints().noneMatch(Character::isLetterOrDigit)) {
      return List.of();
    }
    if (mode == SearchMode.SEMANTIC) {
      return semantic.nearest(context.namespace(), query.query(), query.filter(), query.limit());
    }
    int pool = Math.max(query.limit(), FUSION_CANDIDATES);
    List<SearchHit> keyword =
        parsed.isEmpty() ? List.of() : keywordHits(parsed, query.filter(), pool);
    List<SearchHit> meaning =
        semantic.nearest(context.namespace(), query.query(), query.filter(), pool);
    return fuse(keyword, meaning, semantic.semanticWeight(), query.limit());
  }

  /** The mode a search asking for {@code requested} runs in. */
  SearchMode modeFor(Optional<SearchMode> requested) {
    if (semantic != null) {
      return semantic.resolve(requested);
    }
    if (requested.isPresent() && requested.get() != SearchMode.KEYWORD) {
      throw new ValidationException(
          "mode",
          "is "
              + requested.get().value()
              + ", which needs an embedding model, but none is "
              + "in use; use mode keyword");
    }
    return SearchMode.KEYWORD;
  }

  private List<SearchHit> keywordHits(SearchQuery parsed, MemoryFilter filter, int limit) {
    return context
        .store()
        .read(tx -> tx.memories().search(context.namespace(), parsed, filter, limit));
  }

  /**
   * Weighted min-max fusion. The keyword side's raw score keeps the keyword order (more distinct
   * terms first, then BM25): the count of terms plus the BM25 score squashed into 0..1.
   */
  static List<SearchHit> fuse(
      List<SearchHit> keyword, List<SearchHit> meaning, double weight, int limit) {
    if (weight == 0 || weight == 1) {
      // one side alone: its own order, not min-max ties against the other side's zeros
      List<SearchHit> only = weight == 0 ? keyword : meaning;
      return only.subList(0, Math.min(limit, only.size()));
    }
    Map<Long, SearchHit> byId = new HashMap<>();
    Map<Long, Double> keywordScores = new HashMap<>();
    for (SearchHit h : keyword) {
      double bm25 = Math.max(0, h.score());
      keywordScores.put(h.memory().id().value(), h.matchedTerms() + bm25 / (1 + bm25));
      byId.put(h.memory().id().value(), h);
    }
    Map<Long, Double> semanticScores = new HashMap<>();
    for (SearchHit h : meaning) {
      semanticScores.put(h.memory().id().value(), h.semanticScore().orElse(h.score()));
      byId.putIfAbsent(h.memory().id().value(), h);
    }
    List<SearchHit> out = new ArrayList<>(limit);
    for (Fusion.Fused f : Fusion.fuse(keywordScores, semanticScores, weight)) {
      if (out.size() == limit) {
        break;
      }
      SearchHit source = byId.get(f.id());
      Double cosine = semanticScores.get(f.id());
      out.add(
          new SearchHit(
              source.memory(),
              f.score(),
              keywordScores.containsKey(f.id()) ? source.matchedTerms() : 0,
              keywordScores.containsKey(f.id()) ? source.keywordScore() : OptionalDouble.empty(),
              cosine == null ? OptionalDouble.empty() : OptionalDouble.of(cosine)));
    }
    return out;
  }

  @Override
  public Memory saveSnapshot(SaveSnapshot command) {
    Limits.required(command, "snapshot");
    AddMemory memory =
        new AddMemory(
            command.summary(),
            command.tags(),
            Kind.SNAPSHOT,
            command.data(),
            Optional.empty(),
            Optional.empty());
    return add(memory, "snapshot.save").memory();
  }

  @Override
  public MemoryPage listSnapshots(ListSnapshots query) {
    Limits.required(query, "query");
    return list(
        new ListMemories(MemoryFilter.ALL.withKind(Kind.SNAPSHOT), query.cursor(), query.limit()));
  }

  @Override
  public Optional<Memory> latestSnapshot() {
    return listSnapshots(ListSnapshots.newest(1)).items().stream().findFirst();
  }

  static String target(MemoryId id) {
    return "memory:" + id.value();
  }

  private static NotFoundException notFound(MemoryId id) {
    return new NotFoundException("memory " + id.value());
  }
}
