package dev.memkit.core.service;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.port.in.ReindexListener;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.core.port.in.SearchStatus;
import dev.memkit.core.port.out.Embedder;
import dev.memkit.core.port.out.EmbedderProvider;
import dev.memkit.core.port.out.MemoryVector;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.search.VectorIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The semantic side of search for one open store: loads the embedding model off the caller's
 * thread, keeps each namespace's vectors in a {@link VectorIndex}, and embeds new and changed
 * memories in batches on one background thread, so writes never wait for the model.
 *
 * <p>When the store keeps vectors ({@link dev.memkit.core.port.out.VectorRecords}), they are loaded
 * at open and only memories without a current vector (no vector, another model, or an older text)
 * are embedded again; otherwise every memory is embedded after each open. Search uses whatever is
 * indexed and never waits for the indexer.
 */
public final class SemanticIndex implements AutoCloseable {
  /** The semantic weight of hybrid fusion when {@code MEMKIT_SEARCH_SEMANTIC_WEIGHT} is unset. */
  public static final double DEFAULT_SEMANTIC_WEIGHT = SemanticSettings.DEFAULT_SEMANTIC_WEIGHT;

  private static final int BACKFILL_PAGE = 500;

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

  private final Store store;
  private final EmbedderProvider provider;
  private final Map<String, String> environment;
  private final SemanticSettings settings;
  private final Map<Namespace, VectorIndex> indexes = new ConcurrentHashMap<>();
  private final EmbeddingQueue queue;
  private final CountDownLatch settled = new CountDownLatch(1);
  private final Thread worker;
  private volatile Embedder embedder;
  private volatile String state;
  private volatile String failure;
  private volatile boolean refresh;
  private volatile boolean closed;
  private volatile boolean durable;

  private SemanticIndex(Store store, SemanticSettings settings, Map<String, String> environment) {
    this.store = store;
    this.settings = settings;
    this.provider = settings.provider().orElse(null);
    this.environment = Map.copyOf(environment);
    this.queue = new EmbeddingQueue(settings.batch());
    this.state = provider == null ? "absent" : "loading";
    if (provider == null) {
      settled.countDown();
      worker = null;
    } else {
      worker = new Thread(this::run, "memkit-indexer");
      worker.setDaemon(true);
    }
  }

  /**
   * Finds the embedding model ({@code MEMKIT_EMBEDDER}: a provider's name, {@code none}, or unset
   * for the first on the classpath) and starts loading it and indexing {@code store} in the
   * background. Without a model, search is by keywords only.
   *
   * @throws ValidationException when a setting is malformed or names a model not on the classpath
   */
  public static SemanticIndex start(Store store, Map<String, String> environment) {
    SemanticIndex index = new SemanticIndex(store, SemanticSettings.from(environment), environment);
    if (index.worker != null) {
      index.worker.start();
    }
    return index;
  }

  /**
   * The text a memory is embedded as: its speaker or author (metadata), when it has one, before its
   * text.
   */
  public static String embeddingText(Memory memory) {
    Optional<String> who =
        memory
            .metadata()
            .string("speaker")
            .or(() -> memory.metadata().string("author"))
            .map(String::strip)
            .filter(s -> !s.isEmpty());
    return who.map(w -> w + ": " + memory.text()).orElse(memory.text());
  }

  /** The weight of the semantic list in hybrid fusion, 0..1. */
  public double semanticWeight() {
    return settings.semanticWeight();
  }

  /** Whether the model is loaded and semantic search can run. */
  public boolean ready() {
    return "ready".equals(state);
  }

  /** What search can do right now. */
  public SearchStatus status() {
    long indexed = indexes.values().stream().mapToLong(VectorIndex::size).sum();
    Embedder e = embedder;
    return new SearchStatus(
        state,
        Optional.ofNullable(e).map(Embedder::modelId),
        ready() ? settings.defaultMode() : SearchMode.KEYWORD,
        indexed,
        queue.pending(),
        Optional.ofNullable(failure));
  }

  /**
   * The mode a search runs in: the one asked for, else the configured default once the model is
   * ready, else keyword.
   *
   * @throws ValidationException when a mode other than keyword is asked for and there is no model
   * @throws StoreUnavailableException when it is asked for while the model is still loading
   */
  public SearchMode resolve(Optional<SearchMode> requested) {
    if (requested.isEmpty()) {
      return ready() ? settings.defaultMode() : SearchMode.KEYWORD;
    }
    SearchMode mode = requested.get();
    if (mode == SearchMode.KEYWORD || ready()) {
      return mode;
    }
    if ("loading".equals(state)) {
      throw new StoreUnavailableException(
          "the embedding model is still loading; search in mode keyword, or try again in a moment");
    }
    throw new ValidationException(
        "mode",
        "is "
            + mode.value()
            + ", which needs an embedding model, but "
            + ("failed".equals(state)
                ? "it failed to load: " + failure
                : "none is on the classpath (or MEMKIT_EMBEDDER=none); use mode keyword"));
  }

  /**
   * Waits up to {@code timeout} for the model to load and the stored vectors to be read; returns
   * whether the model is ready.
   */
  public boolean awaitReady(Duration timeout) {
    try {
      settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ready();
  }

  /**
   * The memories of {@code namespace} passing {@code filter} whose vectors are closest to the
   * query's, best first, at most {@code limit}; empty until the model is ready. Memories changed
   * since their vector was made are left out (and queued to be embedded again).
   */
  List<SearchHit> nearest(Namespace namespace, String query, MemoryFilter filter, int limit) {
    Embedder e = embedder;
    VectorIndex index = indexes.get(namespace);
    if (e == null || index == null || index.size() == 0 || limit < 1) {
      return List.of();
    }
    float[] q = e.embed(query);
    int k = Math.max(limit * 2, 16);
    while (true) {
      List<VectorIndex.Match> matches = index.nearest(q, k);
      List<SearchHit> hits =
          store.read(
              tx -> {
                Map<MemoryId, Memory> found =
                    tx.memories()
                        .findAll(
                            namespace,
                            matches.stream().map(match -> MemoryId.of(match.id())).toList());
                List<SearchHit> out = new ArrayList<>();
                for (VectorIndex.Match match : matches) {
                  Memory m = found.get(MemoryId.of(match.id()));
                  if (m == null) {
                    continue;
                  }
                  if (embeddingText(m).hashCode() != match.textHash()) {
                    enqueue(namespace, match.id());
                    continue;
                  }
                  if (filter.matches(m)) {
                    out.add(
                        new SearchHit(
                            m,
                            match.cosine(),
                            0,
                            OptionalDouble.empty(),
                            OptionalDouble.of(match.cosine())));
                    if (out.size() == limit) {
                      break;
                    }
                  }
                }
                return out;
              });
      if (hits.size() >= limit || matches.size() < k) {
        return hits;
      }
      k = (int) Math.min((long) k * 4, index.size() + 1L);
    }
  }

  /** Queues the new memory {@code id} for embedding. */
  void added(Namespace namespace, MemoryId id) {
    enqueue(namespace, id.value());
  }

  /** Drops the vector of the changed memory {@code id} from search and queues it for embedding. */
  void changed(Namespace namespace, MemoryId id) {
    deleted(namespace, id);
    enqueue(namespace, id.value());
  }

  /** Drops the vector of the deleted memory {@code id} from search. */
  void deleted(Namespace namespace, MemoryId id) {
    VectorIndex index = indexes.get(namespace);
    if (index != null) {
      index.remove(id.value());
    }
  }

  /**
   * Re-reads every namespace in the background, after a restore or an import changed many memories
   * at once.
   */
  public void refresh() {
    refresh = true;
  }

  private void enqueue(Namespace namespace, long id) {
    if (provider == null || "failed".equals(state) || closed) {
      return;
    }
    queue.add(namespace, id);
  }

  private void run() {
    try {
      Embedder loaded = provider.load(environment);
      if (closed) {
        return;
      }
      if (loaded.dimension() < 1) {
        throw new StoreUnavailableException(
            "the embedding model " + loaded.modelId() + " reports no dimension");
      }
      embedder = loaded;
      durable = store.read(tx -> tx.vectors().isPresent());
      backfillAll();
      state = "ready";
    } catch (RuntimeException | LinkageError e) {
      failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      state = "failed";
      queue.clear();
      return;
    } finally {
      settled.countDown();
    }
    while (!closed) {
      try {
        if (refresh) {
          refresh = false;
          backfillAll();
        }
        List<EmbeddingQueue.Job> jobs = queue.takeAfterPause(() -> closed);
        if (!jobs.isEmpty()) {
          embed(jobs);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        failure = "indexing failed: " + e.getMessage();
      }
    }
  }

  /**
   * Embeds the memories of {@code jobs} that still exist and lack a current vector; returns how
   * many.
   */
  private int embed(List<EmbeddingQueue.Job> jobs) {
    try {
      Map<Namespace, List<Long>> byNamespace = new LinkedHashMap<>();
      for (EmbeddingQueue.Job j : jobs) {
        byNamespace.computeIfAbsent(j.namespace(), n -> new ArrayList<>()).add(j.id());
      }
      int done = 0;
      for (Map.Entry<Namespace, List<Long>> group : byNamespace.entrySet()) {
        done += embed(group.getKey(), group.getValue());
      }
      return done;
    } finally {
      queue.done(jobs.size());
    }
  }

  private int embed(Namespace namespace, List<Long> ids) {
    Embedder e = embedder;
    VectorIndex current = indexes.computeIfAbsent(namespace, n -> new VectorIndex(e.dimension()));
    List<MemoryId> wanted = ids.stream().map(MemoryId::of).toList();
    Map<MemoryId, Memory> found = store.read(tx -> tx.memories().findAll(namespace, wanted));
    List<Memory> memories = new ArrayList<>();
    for (MemoryId id : wanted) {
      Optional.ofNullable(found.get(id)).ifPresent(memories::add);
    }
    List<MemoryVector> records = MissingVectors.embed(e, current, memories);
    if (records.isEmpty()) {
      return 0;
    }
    if (durable && !closed) {
      store.write(
          tx -> {
            tx.vectors().ifPresent(v -> records.forEach(v::put));
            return null;
          });
    }
    // the index as it is now: a backfill may have swapped in a fresh one while the model ran
    VectorIndex index = indexes.computeIfAbsent(namespace, n -> new VectorIndex(e.dimension()));
    for (MemoryVector v : records) {
      index.put(v.memory().value(), v.textHash(), v.values());
    }
    return records.size();
  }

  private void backfillAll() {
    for (Namespace ns : store.read(tx -> tx.namespaces())) {
      if (closed) {
        return;
      }
      backfill(ns, false);
    }
  }

  /**
   * Reads {@code namespace}'s stored vectors of the current model into a fresh index, keeps those
   * made from the memory's current text, queues every other memory, and swaps the index in.
   */
  private void backfill(Namespace namespace, boolean everything) {
    Embedder e = embedder;
    VectorIndex fresh = new VectorIndex(e.dimension());
    Set<Long> orphans = durable && !everything ? loadStored(namespace, e, fresh) : new HashSet<>();
    // swapped in before anything is queued, so every job queued below lands in this index
    indexes.put(namespace, fresh);
    Optional<MemoryId> before = Optional.empty();
    while (!closed) {
      Optional<MemoryId> cursor = before;
      List<Memory> page =
          store.read(tx -> tx.memories().list(namespace, MemoryFilter.ALL, cursor, BACKFILL_PAGE));
      for (Memory m : page) {
        long id = m.id().value();
        orphans.remove(id);
        OptionalInt stored = fresh.textHash(id);
        if (stored.isEmpty() || stored.getAsInt() != embeddingText(m).hashCode()) {
          fresh.remove(id);
          enqueue(namespace, id);
        }
      }
      if (page.size() < BACKFILL_PAGE) {
        break;
      }
      before = Optional.of(page.get(page.size() - 1).id());
    }
    // vectors whose memory is gone (a store without a cascade, or one deleted meanwhile)
    orphans.forEach(fresh::remove);
  }

  /**
   * Puts {@code namespace}'s stored vectors of {@code e}'s model into {@code index}; returns the
   * ids of their memories.
   */
  private Set<Long> loadStored(Namespace namespace, Embedder e, VectorIndex index) {
    Set<Long> ids = new HashSet<>();
    Consumer<MemoryVector> keep =
        vector -> {
          if (vector.values().length == e.dimension()) {
            index.put(vector.memory().value(), vector.textHash(), vector.values());
            ids.add(vector.memory().value());
          }
        };
    store.read(
        tx -> {
          tx.vectors().ifPresent(v -> v.forEach(namespace, e.modelId(), keep));
          return null;
        });
    return ids;
  }

  /**
   * Embeds, in the calling thread, every memory that lacks a current vector (with {@code
   * everything}, every memory), telling {@code listener} the progress; waits for the model first.
   * Returns how many memories this call embedded.
   *
   * @throws ValidationException when there is no embedding model
   * @throws StoreUnavailableException when it failed to load
   */
  public long reindex(boolean everything, ReindexListener listener) {
    if (provider == null) {
      throw new ValidationException(
          "embedder",
          "is not available: no embedding model is on the classpath (or MEMKIT_EMBEDDER=none)");
    }
    while (!awaitReady(Duration.ofSeconds(1))) {
      if ("failed".equals(state)) {
        throw new StoreUnavailableException("the embedding model failed to load: " + failure);
      }
    }
    long total = 0;
    for (Namespace ns : store.read(tx -> tx.namespaces())) {
      total += store.read(tx -> tx.memories().count(ns));
      if (everything) {
        backfill(ns, true);
      }
    }
    long embedded = 0;
    listener.progress(indexedCount(), total);
    try {
      while (true) {
        List<EmbeddingQueue.Job> jobs = queue.take();
        if (jobs.isEmpty()) {
          if (queue.idle()) {
            break;
          }
          Thread.sleep(20);
          continue;
        }
        embedded += embed(jobs);
        listener.progress(Math.min(indexedCount(), total), total);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("re-indexing was interrupted");
    }
    listener.progress(Math.min(indexedCount(), total), total);
    return embedded;
  }

  private long indexedCount() {
    return indexes.values().stream().mapToLong(VectorIndex::size).sum();
  }

  /**
   * Stops the indexer, waiting for the batch in progress (or the model's load) to end; memories not
   * yet embedded are embedded after the next open.
   */
  @Override
  public void close() {
    closed = true;
    // waits for a model still loading too: a process that exits while ONNX Runtime initialises
    // can crash in native code; the thread stops as soon as the load returns
    if (worker != null) {
      // not interrupted: an interrupt would close a file channel the store may be reading
      try {
        worker.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
