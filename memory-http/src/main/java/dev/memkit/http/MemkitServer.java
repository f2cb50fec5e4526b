package dev.memkit.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memkit.core.Memkit;
import dev.memkit.core.error.MemoryException;
import dev.memkit.core.error.ValidationException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.core.optim.StaticOptimizations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * memkit's HTTP server: opens the store {@code MEMKIT_STORE} names, then serves the seed routes,
 * the {@code /v1} API and the OpenAPI document on Micronaut and Netty.
 *
 * <pre>{@code
 * MEMKIT_API_KEY=change-me java -jar memory-http/target/memkit-server.jar
 * }</pre>
 *
 * <p>Settings come from {@code MEMKIT_*} environment variables (see docs/configuration.md). On
 * start the server prints its URL and its store; on SIGTERM it lets requests in flight finish,
 * stops, and closes the store.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "memkit",
            version = "0.1.0",
            description =
                "Persistent memory and state for LLM agents: state variables, a searchable memory log, goals, "
                    + "and a context block to prepend to prompts.",
            license = @License(name = "MIT")),
    security = @SecurityRequirement(name = "bearerAuth"))
@SecurityScheme(
    name = "bearerAuth",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "The API key, sent as Authorization: Bearer <key>")
public final class MemkitServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MemkitServer.class);

  /** The stores whose reads never wait on a network: a SQLite file, the JSON files, memory. */
  private static final Set<String> LOCAL_SCHEMES = Set.of("sqlite", "json", "mem");

  /** Netty's switch for its flight-recorder events. */
  private static final String NETTY_JFR = "io.netty.jfr.enabled";

  /** Netty's ids for this machine and process, which only make its channel ids unique. */
  private static final String NETTY_MACHINE_ID = "io.netty.machineId";

  private static final String NETTY_PROCESS_ID = "io.netty.processId";

  private final ApplicationContext context;
  private final EmbeddedServer server;
  private final Memkit memkit;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MemkitServer(ApplicationContext context, EmbeddedServer server, Memkit memkit) {
    this.context = context;
    this.server = server;
    this.memkit = memkit;
  }

  /**
   * Starts the server with the process environment and the options in {@code args} ({@code --port},
   * {@code --host}, {@code --store}, {@code --help}); exits with status 2 on a usage error and 1
   * when it cannot start.
   */
  public static void main(String[] args) {
    ServeArguments arguments;
    try {
      arguments = ServeArguments.parse(args);
    } catch (ServeArguments.UsageError e) {
      System.err.println("memkit serve: " + e.getMessage());
      System.err.print(ServeArguments.USAGE);
      System.exit(2);
      return;
    }
    if (arguments.help()) {
      System.out.print(ServeArguments.USAGE);
      System.out.flush();
      return;
    }
    // Netty reports its buffer allocations as flight-recorder events when the JVM can record
    // them; registering those three event types was part of the 0.1 s the first request spent on
    // the recorder (docs/benchmarks.md, fourth set). Off unless -Dio.netty.jfr.enabled=true.
    if (System.getProperty(NETTY_JFR) == null) {
      System.setProperty(NETTY_JFR, "false");
    }
    // Netty otherwise reads them from the network interfaces and the process when it creates its
    // first channel; random ones serve the same purpose (as Micronaut AOT's Netty option does).
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (System.getProperty(NETTY_MACHINE_ID) == null) {
      byte[] mac = new byte[6];
      random.nextBytes(mac);
      System.setProperty(NETTY_MACHINE_ID, HexFormat.ofDelimiter(":").formatHex(mac));
    }
    if (System.getProperty(NETTY_PROCESS_ID) == null) {
      System.setProperty(NETTY_PROCESS_ID, Integer.toString(random.nextInt(65_536)));
    }
    MemkitServer running;
    try {
      running = start(arguments.applyTo(System.getenv()));
    } catch (MemoryException e) {
      System.err.println("memkit: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    } catch (RuntimeException e) {
      // e.g. the port is taken: say why, without a stack trace, and do not linger
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      System.err.println(
          "memkit: cannot start: "
              + e.getMessage()
              + (root != e && root.getMessage() != null ? " (" + root.getMessage() + ")" : ""));
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  flushLog();
                },
                "memkit-shutdown"));
    System.out.println(
        "memkit "
            + Memkit.version()
            + " serving "
            + running.url()
            + " (store "
            + running.storeDescription()
            + ")");
    System.out.flush();
  }

  /**
   * Opens the store and starts serving with the settings in {@code environment}.
   *
   * @throws ValidationException naming the variable when a setting is wrong, or when the store URI
   *     or tokenizer is
   * @throws dev.memkit.core.error.StoreUnavailableException when the store cannot be opened
   */
  public static MemkitServer start(Map<String, String> environment) {
    StartupPhases phases = StartupPhases.begin();
    ServiceScan scan = ServiceScan.start();
    ServerSettings settings = ServerSettings.from(environment);
    Optional<KeyRing> keys = keys(settings);
    String host = settings.host().orElse(null);
    if (keys.isEmpty()) {
      if (host != null && !isLoopback(host)) {
        LOG.warn(
            "MEMKIT_HOST={} ignored: with no API key the server listens on 127.0.0.1 only", host);
      }
      host = "127.0.0.1";
      LOG.warn(
          "no API key configured (MEMKIT_API_KEY or MEMKIT_KEYS_FILE): serving UNAUTHENTICATED on 127.0.0.1 only");
    }
    OpsSettings.from(settings.environment());
    phases.end("settings");
    MeteredObserver observer = new MeteredObserver(Clock.systemUTC());
    // the store opens (and checks its file) on a thread of its own while the context starts
    StoreOpening opening = StoreOpening.start(settings, observer);
    ApplicationContext context;
    try {
      Map<String, Object> properties = new HashMap<>();
      properties.put("micronaut.application.name", "memkit");
      properties.put("micronaut.server.port", settings.port());
      if (host != null) {
        properties.put("micronaut.server.host", host);
      }
      properties.put("micronaut.server.max-request-size", settings.maxBody());
      properties.put("micronaut.server.max-request-buffer-size", settings.maxBody());
      // Every route runs on a worker thread, except the quick reads marked @NonBlocking (a state
      // value, /health), which run on the event loop when the store answers them from this machine
      // (a file or memory); with a networked store they too go to a worker thread.
      properties.put(
          "micronaut.server.thread-selection",
          readsLocally(settings.store()) ? "AUTO" : "BLOCKING");
      properties.put("micronaut.lifecycle.graceful-shutdown.enabled", true);
      properties.put("micronaut.lifecycle.graceful-shutdown.grace-period", "30s");
      properties.put("micronaut.http.client.enabled", false);
      // plain Jackson databind for request records: strict, and no half-built objects on scalar
      // input
      properties.put("jackson.bean-introspection-module", false);
      // Prometheus metrics at /metrics (MetricsController), with latency histograms of every route
      properties.put("micronaut.metrics.enabled", true);
      properties.put("micronaut.metrics.export.prometheus.enabled", true);
      properties.put("micronaut.metrics.export.prometheus.descriptions", true);
      properties.put("micronaut.metrics.binders.web.server.histogram", true);
      scan.await();
      context =
          ApplicationContext.builder()
              .deduceEnvironment(false)
              .banner(false)
              .properties(properties)
              .singletons(new ServerRuntime(opening, keys, settings))
              .start();
      phases.end("context");
    } catch (RuntimeException | Error e) {
      opening.closeWhenOpen();
      throw e;
    }
    Memkit memkit;
    try {
      memkit = opening.await();
      phases.end("store");
    } catch (RuntimeException | Error e) {
      context.close();
      throw e;
    }
    try {
      observer.bind(context.getBean(MeterRegistry.class), memkit);
      phases.end("metrics");
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      phases.end("server");
      LOG.info(
          "listening on {}:{}, store {}{}; {} (the store opened in {} ms beside the context)",
          host == null ? "*" : host,
          server.getPort(),
          memkit.storeDescription(),
          withAot() ? ", Micronaut AOT" : "",
          phases,
          opening.millis());
      return new MemkitServer(context, server, memkit);
    } catch (RuntimeException e) {
      try {
        context.close();
      } finally {
        memkit.close();
      }
      throw e;
    }
  }

  /** The port the server listens on. */
  public int port() {
    return server.getPort();
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:8080}. */
  public URI url() {
    return URI.create(
        "http://"
            + (server.getHost().contains(":") ? "[" + server.getHost() + "]" : server.getHost())
            + ":"
            + port());
  }

  /** The running server's bean of {@code type}, for the tests of this package. */
  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** What store the server opened, e.g. {@code sqlite:/srv/data/memkit.db}. */
  public String storeDescription() {
    return memkit.storeDescription();
  }

  /** Stops taking requests, lets those in flight finish (up to 30 s), then closes the store. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      context.close();
    } finally {
      memkit.close();
      LOG.info("memkit stopped; store closed");
    }
  }

  private static Optional<KeyRing> keys(ServerSettings settings) {
    if (settings.apiKey().isPresent() && settings.keysFile().isPresent()) {
      throw new ValidationException(
          "MEMKIT_KEYS_FILE", "cannot be set together with MEMKIT_API_KEY: choose one");
    }
    if (settings.apiKey().isPresent()) {
      return Optional.of(KeyRing.single(settings.apiKey().get()));
    }
    return settings.keysFile().map(f -> KeyRing.read(f, new ObjectMapper()));
  }

  /**
   * Whether Micronaut started with the service lists Micronaut AOT generated at build time: the
   * classes are on the class path (the server jar and the container image have them, the module's
   * classes alone do not) and Micronaut installed them through the service file they register
   * ({@code StaticOptimizations$Loader}), so the context read its beans from them instead of from
   * the class path's {@code META-INF/micronaut} lists.
   */
  private static boolean withAot() {
    return StaticOptimizations.get(SoftServiceLoader.Optimizations.class).isPresent();
  }

  /** Writes out the log lines still queued for the console (the log is asynchronous). */
  private static void flushLog() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
      logback.stop();
    }
  }

  /**
   * Whether the store {@code uri} names answers reads from this machine, without a network round
   * trip.
   */
  static boolean readsLocally(String uri) {
    int colon = uri.indexOf(':');
    return colon > 0 && LOCAL_SCHEMES.contains(uri.substring(0, colon));
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("::1")
        || host.equals("[::1]");
  }
}
