package dev.memkit.core;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StoreHealth;
import dev.memkit.core.port.in.AuditUseCase;
import dev.memkit.core.port.in.BackupUseCase;
import dev.memkit.core.port.in.ContextUseCase;
import dev.memkit.core.port.in.GoalUseCase;
import dev.memkit.core.port.in.MemoryUseCase;
import dev.memkit.core.port.in.ReindexListener;
import dev.memkit.core.port.in.SearchStatus;
import dev.memkit.core.port.in.StateUseCase;
import dev.memkit.core.port.in.TransferUseCase;
import dev.memkit.core.port.out.Observer;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.port.out.StoreProvider;
import dev.memkit.core.port.out.StoreTransaction;
import dev.memkit.core.port.out.TokenCounter;
import dev.memkit.core.port.out.TokenCounterProvider;
import dev.memkit.core.service.AuditService;
import dev.memkit.core.service.BackupService;
import dev.memkit.core.service.ContextService;
import dev.memkit.core.service.GoalService;
import dev.memkit.core.service.MemoryService;
import dev.memkit.core.service.SemanticIndex;
import dev.memkit.core.service.ServiceContext;
import dev.memkit.core.service.StateCache;
import dev.memkit.core.service.StateService;
import dev.memkit.core.service.TransferService;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The entry point: opens a store by URI and hands out the use cases.
 *
 * <pre>{@code
 * try (Memkit memkit = Memkit.open("sqlite:./data/memkit.db")) {
 *   Space space = memkit.space("default");
 *   space.state().set(StateKey.of("current_phase"), JsonValue.of("testing"));
 *   space.memories().add(AddMemory.of("Deployed v1.2").withTags("deploy", "v1.2"));
 *   System.out.println(space.context().export(ContextRequest.maxTokens(1500)).text());
 * }
 * }</pre>
 *
 * <p>The store is found by the URI's scheme among the {@link StoreProvider}s on the classpath
 * ({@code mem:} is built in; {@code json:} and {@code sqlite:} come with their modules). One {@code
 * Memkit} is meant to live as long as the program and be shared by its threads.
 */
public final class Memkit implements AutoCloseable {
  private final Store store;

  /** What the use cases run on: {@link #store}, or it reporting to the options' observer. */
  private final Store observed;

  private final MemkitOptions options;
  private final LazyCounter counter;
  private final SemanticIndex semantic;
  private final StateCache stateCache;

  private Memkit(Store store, MemkitOptions options, LazyCounter counter) {
    this.store = store;
    this.observed = ObservedStore.of(store, options.observer());
    this.options = options;
    this.counter = counter;
    SemanticIndex started;
    try {
      this.stateCache = StateCache.from(options.environment());
      started = SemanticIndex.start(store, options.environment());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    this.semantic = started;
  }

  /** Opens the store at {@code uri} with {@link MemkitOptions#defaults()}. */
  public static Memkit open(String uri) {
    return open(uri, MemkitOptions.defaults());
  }

  /**
   * Opens the store at {@code uri}, e.g. {@code sqlite:./data/memkit.db}, {@code
   * json:./data/memkit} or {@code mem:}.
   *
   * @throws ValidationException when the URI is malformed, no store serves its scheme, or the
   *     tokenizer is not on the classpath
   * @throws dev.memkit.core.error.StoreUnavailableException when the store cannot be opened
   */
  public static Memkit open(String uri, MemkitOptions options) {
    Objects.requireNonNull(options, "options");
    StoreLocation location =
        StoreLocation.parse(uri, options.environment()).withObserver(options.observer());
    LazyCounter counter = LazyCounter.find(options.tokenizerName());
    StoreProvider provider = findProvider(location.scheme());
    return new Memkit(provider.open(location), options, counter);
  }

  /** Wraps an already opened {@code store}: for stores built by hand, and for tests. */
  public static Memkit of(Store store, MemkitOptions options) {
    return new Memkit(store, options, LazyCounter.find(options.tokenizerName()));
  }

  /** The schemes of the stores on the classpath, sorted. */
  public static SortedSet<String> schemes() {
    SortedSet<String> schemes = new TreeSet<>();
    for (StoreProvider p : ServiceLoader.load(StoreProvider.class, Memkit.class.getClassLoader())) {
      schemes.add(p.scheme());
    }
    return schemes;
  }

  private static StoreProvider findProvider(String scheme) {
    for (StoreProvider p : ServiceLoader.load(StoreProvider.class, Memkit.class.getClassLoader())) {
      if (p.scheme().equals(scheme)) {
        return p;
      }
    }
    throw new ValidationException(
        "store",
        "has scheme '"
            + scheme
            + "' but no store on the classpath serves it; available: "
            + String.join(", ", schemes()));
  }

  /** The use cases of {@code namespace}, acting as {@code actor}. */
  public Space space(Namespace namespace, Actor actor) {
    ServiceContext serviceContext =
        new ServiceContext(
            observed,
            Objects.requireNonNull(namespace, "namespace"),
            Objects.requireNonNull(actor, "actor"),
            options.clock());
    return new BoundSpace(serviceContext, counter, options.observer(), semantic, stateCache);
  }

  /** The use cases of the namespace named {@code namespace}, acting as {@link Actor#EMBEDDED}. */
  public Space space(String namespace) {
    return space(Namespace.of(namespace), Actor.EMBEDDED);
  }

  /** The use cases of the {@code default} namespace, acting as {@link Actor#EMBEDDED}. */
  public Space space() {
    return space(Namespace.DEFAULT, Actor.EMBEDDED);
  }

  /** Backups of the whole store; a restore is audited as {@code actor}. */
  public BackupUseCase backups(Actor actor) {
    return new BackupService(
        new ServiceContext(observed, Namespace.DEFAULT, actor, options.clock()), semantic::refresh);
  }

  /** Export and import of namespaces; imports are audited as {@code actor}. */
  public TransferUseCase transfer(Actor actor) {
    return new TransferService(
        new ServiceContext(observed, Namespace.DEFAULT, actor, options.clock()), semantic::refresh);
  }

  /**
   * What search can do now: whether an embedding model is present, loading or ready, the default
   * mode, how many memories are indexed and how many wait.
   */
  public SearchStatus searchStatus() {
    return semantic.status();
  }

  /**
   * Waits up to {@code timeout} for the embedding model to load (it loads in the background from
   * open); returns whether it is ready. For one-shot programs such as a command line, which would
   * otherwise search by keywords only.
   */
  public boolean awaitSearchReady(Duration timeout) {
    return semantic.awaitReady(Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * Embeds, in the calling thread, every memory without a current vector (with {@code everything},
   * every memory), reporting progress to {@code listener}; returns how many were embedded.
   *
   * @throws ValidationException when no embedding model is in use
   * @throws dev.memkit.core.error.StoreUnavailableException when it failed to load
   */
  public long reindex(boolean everything, ReindexListener listener) {
    return semantic.reindex(everything, Objects.requireNonNull(listener, "listener"));
  }

  /** Every namespace holding data, in name order. */
  public SortedSet<Namespace> namespaces() {
    SortedSet<Namespace> all = store.read(StoreTransaction::namespaces);
    return new TreeSet<>((java.util.Collection<Namespace>) all);
  }

  /**
   * Whether the store's writes can succeed now (see {@link Store#health()}): for readiness checks.
   */
  public StoreHealth storeHealth() {
    return store.health();
  }

  /** What store this is, e.g. {@code sqlite:/srv/data/memkit.db}. */
  public String storeDescription() {
    return store.description();
  }

  /** The encoding context blocks are counted with. */
  public String tokenizer() {
    return counter.encoding();
  }

  /**
   * Loads the tokenizer now instead of at the first context export, so a server can fail at start.
   *
   * @throws ValidationException when no token counter for it is on the classpath
   */
  public void requireTokenizer() {
    counter.get();
  }

  /**
   * Checks that a token counter for the tokenizer is on the classpath, without loading its
   * vocabulary (which {@link #requireTokenizer()} does): cheap enough for a fast start.
   *
   * @throws ValidationException when there is none
   */
  public void checkTokenizer() {
    counter.check();
  }

  /** memkit's version, e.g. {@code 0.1.0}. */
  public static String version() {
    try (InputStream in = Memkit.class.getResourceAsStream("memkit-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Stops the background indexer, then closes the store. */
  @Override
  public void close() {
    try {
      semantic.close();
    } finally {
      store.close();
    }
  }

  private record BoundSpace(
      ServiceContext serviceContext,
      LazyCounter counter,
      Observer observer,
      SemanticIndex semantic,
      StateCache stateCache)
      implements Space {
    @Override
    public Namespace namespace() {
      return serviceContext.namespace();
    }

    @Override
    public Actor actor() {
      return serviceContext.actor();
    }

    @Override
    public StateUseCase state() {
      return new StateService(serviceContext, stateCache);
    }

    @Override
    public MemoryUseCase memories() {
      return new MemoryService(serviceContext, observer, semantic);
    }

    @Override
    public GoalUseCase goals() {
      return new GoalService(serviceContext);
    }

    @Override
    public ContextUseCase context() {
      return new ContextService(
          serviceContext, counter::get, new MemoryService(serviceContext, observer, semantic));
    }

    @Override
    public AuditUseCase audit() {
      return new AuditService(serviceContext);
    }
  }

  /** Finds the tokenizer at open (cheap), loads its vocabulary at first use (not cheap). */
  private static final class LazyCounter {
    private final String encoding;
    private final TokenCounterProvider provider;
    private final List<String> available;
    private volatile TokenCounter counter;

    private LazyCounter(String encoding, TokenCounterProvider provider, List<String> available) {
      this.encoding = encoding;
      this.provider = provider;
      this.available = List.copyOf(available);
    }

    static LazyCounter find(String encoding) {
      List<String> available = new ArrayList<>();
      for (TokenCounterProvider p :
          ServiceLoader.load(TokenCounterProvider.class, Memkit.class.getClassLoader())) {
        if (p.encodings().contains(encoding)) {
          return new LazyCounter(encoding, p, List.of());
        }
        available.addAll(p.encodings());
      }
      return new LazyCounter(encoding, null, available);
    }

    String encoding() {
      return encoding;
    }

    void check() {
      if (provider == null) {
        throw new ValidationException(
            "tokenizer",
            "names '"
                + encoding
                + "' but no token counter for it is on the "
                + "classpath (available: "
                + (available.isEmpty() ? "none" : String.join(", ", available))
                + "); add memory-tokens-jtokkit for o200k_base and cl100k_base");
      }
    }

    TokenCounter get() {
      TokenCounter c = counter;
      if (c == null) {
        synchronized (this) {
          if (counter == null) {
            check();
            counter =
                provider
                    .counter(encoding)
                    .orElseThrow(
                        () ->
                            new ValidationException(
                                "tokenizer",
                                "names " + encoding + ", which its provider could not load"));
          }
          c = counter;
        }
      }
      return c;
    }
  }
}
