package dev.memkit.store.postgres;

import dev.memkit.core.contract.Prerequisite;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for tests, one per test JVM, started on first use and stopped when the JVM
 * ends. Where it comes from, in order:
 *
 * <ol>
 *   <li>{@code MEMKIT_TEST_POSTGRES}, a {@code postgresql://user[:password]@host:port/database} URI
 *       of a server someone runs (nothing is started or stopped);
 *   <li>a Testcontainers {@code postgres} container when a Docker engine is reachable;
 *   <li>a throwaway cluster made with the machine's own binaries ({@code initdb}, {@code pg_ctl}
 *       from {@code /usr/lib/postgresql/<version>/bin}, {@code /usr/local/pgsql/bin} or the {@code
 *       PATH}) in a temporary directory, on a free port, its socket in that directory; as the user
 *       {@code postgres} (or {@code nobody}) when the build runs as root, which PostgreSQL refuses;
 * </ol>
 *
 * otherwise the tests are skipped with a message saying how to get one, except with {@code
 * CI=true}, where a missing PostgreSQL fails them.
 */
public final class PostgresServer {
  private static final String HOW =
      "install PostgreSQL 14+ (e.g. apt-get install postgresql: its initdb and pg_ctl are"
          + " used from /usr/lib/postgresql/*/bin), run a Docker engine, or set MEMKIT_TEST_POSTGRES=postgresql://user@host:port/db";
  private static PostgresServer shared;
  private static String unavailable;

  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String database;
  private final Optional<Cluster> cluster;

  private PostgresServer(
      String host,
      int port,
      String user,
      String password,
      String database,
      Optional<Cluster> cluster) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.database = database;
    this.cluster = cluster;
  }

  /**
   * The server of this JVM, started on first call. Skips the calling test when none can be had
   * (fails it under {@code CI=true}).
   */
  public static synchronized PostgresServer get() {
    if (shared == null && unavailable == null) {
      try {
        shared = startOne();
      } catch (RuntimeException | IOException e) {
        unavailable = "no PostgreSQL for the tests (" + e.getMessage() + "); " + HOW;
      }
    }
    if (shared == null) {
      Prerequisite.missing(unavailable);
    }
    return shared;
  }

  private static PostgresServer startOne() throws IOException {
    String given = System.getenv("MEMKIT_TEST_POSTGRES");
    if (given != null && !given.isBlank()) {
      java.net.URI uri = java.net.URI.create(given.trim());
      String[] info = Optional.ofNullable(uri.getUserInfo()).orElse("postgres").split(":", 2);
      return new PostgresServer(
          uri.getHost(),
          uri.getPort() < 0 ? 5432 : uri.getPort(),
          info[0],
          info.length > 1 ? info[1] : "",
          uri.getPath().substring(1),
          Optional.empty());
    }
    String dockerProblem = "";
    if (Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null) {
      try {
        return Containers.start();
      } catch (RuntimeException e) {
        dockerProblem = " (Docker: " + e.getMessage() + ")";
      }
    }
    Optional<Path> bin = binaries();
    if (bin.isPresent()) {
      Cluster c = Cluster.start(bin.get());
      Runtime.getRuntime().addShutdownHook(new Thread(c::destroy, "stop test PostgreSQL"));
      return new PostgresServer("127.0.0.1", c.port, "memkit", "", "memkit", Optional.of(c));
    }
    throw new IllegalStateException("neither a Docker engine nor initdb was found" + dockerProblem);
  }

  /**
   * The directory holding {@code initdb} and {@code pg_ctl}, the newest version when several are
   * installed.
   */
  static Optional<Path> binaries() throws IOException {
    List<Path> candidates = new ArrayList<>();
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions
            .filter(v -> v.getFileName().toString().matches("\\d+"))
            .sorted(
                Comparator.comparingInt((Path v) -> Integer.parseInt(v.getFileName().toString()))
                    .reversed())
            .forEach(v -> candidates.add(v.resolve("bin")));
      }
    }
    candidates.add(Path.of("/usr/local/pgsql/bin"));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir));
      }
    }
    return candidates.stream()
        .filter(
            d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
        .findFirst();
  }

  /**
   * The store URI of schema {@code schema} with {@code parameters} ({@code name=value&…}, may be
   * empty).
   */
  public String uri(String schema, String parameters) {
    String credentials = user + (password.isEmpty() ? "" : ":" + password);
    return "postgresql://"
        + credentials
        + "@"
        + host
        + ":"
        + port
        + "/"
        + database
        + "?schema="
        + schema
        + (parameters.isEmpty() ? "" : "&" + parameters);
  }

  /** The store URI of a schema named after {@code key} (e.g. a test's temporary directory). */
  public String uriFor(Object key, String parameters) {
    return uri(schemaFor(key), parameters);
  }

  /** A schema name unique to {@code key}: {@code t_} and a hash. */
  public static String schemaFor(Object key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return "t_" + HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plain JDBC connection to the database, for checks from outside memkit. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
  }

  /** Whether a connection can be made now. */
  public boolean reachable() {
    try (Connection c = connect()) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Waits until {@code condition} holds or {@code millis} have passed, looking every 20 ms. */
  public static void await(java.util.function.BooleanSupplier condition, long millis)
      throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }

  /** Whether this server was started here and so can be stopped and started again. */
  public boolean restartable() {
    return cluster.isPresent();
  }

  /**
   * Stops the server at once ({@code pg_ctl stop -m immediate}): connections are cut, as in a
   * crash.
   */
  public void stop() {
    cluster
        .orElseThrow(() -> new IllegalStateException("this server was not started here"))
        .run("stop", "-m", "immediate");
  }

  /** Starts the stopped server again on the same port, waiting until it accepts connections. */
  public void start() {
    cluster
        .orElseThrow(() -> new IllegalStateException("this server was not started here"))
        .startServer();
  }

  /** A cluster made by {@code initdb} in a temporary directory. */
  static final class Cluster {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final List<String> asUser;

    private Cluster(Path bin, Path dir, int port, List<String> asUser) {
      this.bin = bin;
      this.dir = dir;
      this.port = port;
      this.asUser = asUser;
    }

    static Cluster start(Path bin) throws IOException {
      Path dir = Files.createTempDirectory("memkit-pg-");
      List<String> asUser = new ArrayList<>();
      if ("root".equals(System.getProperty("user.name"))) {
        String account =
            exec(List.of("id", "-u", "postgres"), null).isEmpty() ? "nobody" : "postgres";
        exec(List.of("chown", "-R", account, dir.toString()), dir.resolve("chown.log"));
        asUser.addAll(List.of("runuser", "-u", account, "--"));
      }
      Cluster c = new Cluster(bin, dir, freePort(), asUser);
      List<String> init = new ArrayList<>(asUser);
      init.addAll(
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-U",
              "memkit",
              "--auth=trust",
              "-E",
              "UTF8",
              "--locale=C",
              "--no-sync"));
      exec(init, dir.resolve("initdb.log"));
      c.startServer();
      List<String> create = new ArrayList<>(asUser);
      create.addAll(
          List.of(
              bin.resolve("createdb").toString(),
              "-h",
              "127.0.0.1",
              "-p",
              String.valueOf(c.port),
              "-U",
              "memkit",
              "memkit"));
      exec(create, dir.resolve("createdb.log"));
      return c;
    }

    void startServer() {
      run(
          "start",
          "-w",
          "-t",
          "60",
          "-l",
          dir.resolve("server.log").toString(),
          "-o",
          "-p "
              + port
              + " -k "
              + dir
              + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
              + " -c max_connections=300 -c shared_buffers=32MB");
    }

    void run(String... args) {
      List<String> cmd = new ArrayList<>(asUser);
      cmd.add(bin.resolve("pg_ctl").toString());
      cmd.add("-D");
      cmd.add(dir.resolve("data").toString());
      cmd.addAll(List.of(args));
      try {
        exec(cmd, dir.resolve("pg_ctl.log"));
      } catch (IOException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }

    void destroy() {
      try {
        run("stop", "-m", "immediate");
      } catch (RuntimeException e) {
        // already stopped
      }
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }

    /**
     * Runs {@code cmd}, appending its output to {@code log}; returns the output when {@code log} is
     * null.
     */
    private static String exec(List<String> cmd, Path log) throws IOException {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      if (log != null) {
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      }
      Process p = pb.start();
      String out =
          log == null
              ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()
              : "";
      try {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IOException(String.join(" ", cmd) + " did not finish in 120 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (p.exitValue() != 0) {
        if (log == null) {
          return "";
        }
        throw new IOException(
            String.join(" ", cmd)
                + " failed with "
                + p.exitValue()
                + ": "
                + Files.readString(log).lines().reduce((a, b) -> b).orElse(""));
      }
      return out;
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      }
    }
  }

  /** A server in a Testcontainers container. */
  static final class Containers {
    private Containers() {}

    static PostgresServer start() {
      org.testcontainers.postgresql.PostgreSQLContainer container =
          new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16-alpine")
              .withDatabaseName("memkit")
              .withUsername("memkit")
              .withPassword("memkit");
      container.start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(container::stop, "stop test PostgreSQL container"));
      return new PostgresServer(
          container.getHost(),
          container.getMappedPort(5432),
          "memkit",
          "memkit",
          "memkit",
          Optional.empty());
    }
  }
}
