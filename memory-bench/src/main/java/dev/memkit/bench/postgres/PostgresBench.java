package dev.memkit.bench.postgres;

import dev.memkit.bench.data.ZipfText;
import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.Space;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Actor;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ImportDocument;
import dev.memkit.core.port.in.ImportMode;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.search.SearchQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PostgreSQL store against raw SQL on the same server, in one run:
 *
 * <ul>
 *   <li>search p50/p99 at {@code size} memories: memkit's search against one raw {@code tsvector}
 *       query over the same table ({@code search @@ to_tsquery(words OR-ed)}, ranked by {@code
 *       ts_rank_cd}, top 10) with the same words;
 *   <li>durable adds from one writer: memkit's add (memory row, audit entry with its diff, one
 *       transaction) against a raw one-row {@code INSERT} + {@code COMMIT} into a table with the
 *       same {@code tsvector} column and GIN index;
 *   <li>adds from 16 writers, memkit and raw.
 * </ul>
 *
 * A plain timed loop rather than JMH, because the subject is a server across a socket: each figure
 * is the median (and p99) of per-operation times, or operations per second over a fixed time.
 *
 * <p>Usage: {@code java -cp memory-bench/target/benchmarks.jar
 * dev.memkit.bench.postgres.PostgresBench postgresql://user@127.0.0.1:5432/db [size=100000]
 * [seconds=10]}. It creates the schemas {@code bench_memkit} and {@code bench_raw} (the data set is
 * reused when it has {@code size} memories).
 */
public final class PostgresBench {
  private PostgresBench() {}

  /** Runs every measurement and prints a Markdown table. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: PostgresBench postgresql://user@host:port/db [size] [seconds]");
      System.exit(2);
    }
    String uri = args[0];
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    java.net.URI parsed = java.net.URI.create(uri);
    String jdbc =
        "jdbc:postgresql://"
            + parsed.getHost()
            + ":"
            + (parsed.getPort() < 0 ? 5432 : parsed.getPort())
            + parsed.getPath();
    String user =
        parsed.getUserInfo() == null
            ? System.getProperty("user.name")
            : parsed.getUserInfo().split(":")[0];
    String password = System.getenv().getOrDefault("PGPASSWORD", "");
    MemkitOptions options = MemkitOptions.defaults().withEnvironment(Map.of());
    try (Memkit memkit =
            Memkit.open(
                uri + (uri.contains("?") ? "&" : "?") + "schema=bench_memkit&pool_size=20",
                options);
        Connection raw = DriverManager.getConnection(jdbc, user, password)) {
      Space space = memkit.space();
      fill(memkit, space, raw, size);
      prepareRaw(raw);
      List<String> questions = ZipfText.seeded(43).questions(1000);
      List<String> lines = new ArrayList<>();
      lines.add("| measure | memkit | raw | memkit ÷ raw |");
      lines.add("|---|---|---|---|");

      double[] mine =
          searchTimes(questions, q -> space.memories().search(SearchMemories.of(q)).size());
      double[] theirs = searchTimes(questions, q -> rawSearch(raw, q));
      lines.add(
          String.format(
              Locale.ROOT,
              "| search p50, %,d memories | %.2f ms | %.2f ms | %.2f× |",
              size,
              pct(mine, 50),
              pct(theirs, 50),
              pct(mine, 50) / pct(theirs, 50)));
      lines.add(
          String.format(
              Locale.ROOT,
              "| search p99 | %.2f ms | %.2f ms | %.2f× |",
              pct(mine, 99),
              pct(theirs, 99),
              pct(mine, 99) / pct(theirs, 99)));

      ZipfText text = ZipfText.seeded(44);
      double memkitOne =
          rate(1, seconds, (w, i) -> space.memories().add(AddMemory.of(text.memory())));
      double rawOne = rate(1, seconds, (w, i) -> rawInsert(jdbc, user, password, text.memory()));
      lines.add(
          String.format(
              Locale.ROOT,
              "| durable adds/s, 1 writer | %,.0f | %,.0f | %.2f× |",
              memkitOne,
              rawOne,
              memkitOne / rawOne));
      double memkitMany =
          rate(
              16,
              seconds,
              (w, i) -> space.memories().add(AddMemory.of("writer " + w + " add " + i)));
      double rawMany =
          rate(16, seconds, (w, i) -> rawInsert(jdbc, user, password, "writer " + w + " add " + i));
      lines.add(
          String.format(
              Locale.ROOT,
              "| durable adds/s, 16 writers | %,.0f | %,.0f | %.2f× |",
              memkitMany,
              rawMany,
              memkitMany / rawMany));
      lines.add(
          String.format(
              Locale.ROOT,
              "| memkit 16 writers ÷ memkit 1 writer | %.2f× | | |",
              memkitMany / memkitOne));
      lines.forEach(System.out::println);
    }
  }

  /**
   * Loads {@code size} memories through memkit's import, 5,000 per transaction, unless they are
   * there.
   */
  private static void fill(Memkit memkit, Space space, Connection raw, int size)
      throws SQLException {
    long have;
    try (Statement st = raw.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM bench_memkit.memories")) {
      rs.next();
      have = rs.getLong(1);
    }
    if (have >= size) {
      // the adds of an earlier run go, so that every run searches the same data set
      try (Statement st = raw.createStatement()) {
        st.execute("DELETE FROM bench_memkit.memories WHERE id > " + size);
        st.execute("DELETE FROM bench_memkit.audit WHERE action = 'memory.add'");
        st.execute("VACUUM ANALYZE bench_memkit.memories");
      }
      return;
    }
    ZipfText text = ZipfText.seeded(42);
    long start = System.nanoTime();
    for (int from = (int) have + 1; from <= size; from += 5_000) {
      List<JsonValue> memories = new ArrayList<>();
      for (int id = from; id < from + 5_000 && id <= size; id++) {
        memories.add(
            JsonValue.objectBuilder()
                .put("id", id)
                .put("text", text.memory())
                .put("tags", JsonValue.array(text.tags().stream().map(JsonValue::of).toList()))
                .put("kind", "note")
                .put("metadata", JsonValue.emptyObject())
                .put("occurred_at", JsonValue.NULL)
                .put("key", JsonValue.NULL)
                .put("created_at", "2026-11-20T00:00:00Z")
                .put("updated_at", "2026-11-20T00:00:00Z")
                .build());
      }
      JsonValue doc =
          JsonValue.objectBuilder()
              .put("format", "memkit-export")
              .put("version", 1)
              .put("exported_at", "2026-11-20T00:00:00Z")
              .put(
                  "namespaces",
                  JsonValue.array(
                      JsonValue.objectBuilder()
                          .put("namespace", "default")
                          .put("memories", JsonValue.array(memories))
                          .build()))
              .build();
      memkit.transfer(Actor.of("bench")).importDocument(new ImportDocument(doc, ImportMode.MERGE));
    }
    try (Statement st = raw.createStatement()) {
      st.execute("VACUUM ANALYZE bench_memkit.memories");
    }
    System.err.printf(
        Locale.ROOT,
        "loaded %,d memories in %.0f s%n",
        size - have,
        (System.nanoTime() - start) / 1e9);
  }

  private static void prepareRaw(Connection raw) throws SQLException {
    try (Statement st = raw.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS bench_raw");
      st.execute("DROP TABLE IF EXISTS bench_raw.docs");
      st.execute(
          "CREATE TABLE bench_raw.docs (id bigserial PRIMARY KEY, text text NOT NULL,"
              + " search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED)");
      st.execute("CREATE INDEX ON bench_raw.docs USING gin (search)");
    }
  }

  /** The same words OR-ed in one tsquery over memkit's table, top 10 by ts_rank_cd, rows read. */
  private static int rawSearch(Connection raw, String question) {
    List<String> words = SearchQuery.parse(question).words();
    if (words.isEmpty()) {
      return 0;
    }
    String sql =
        "SELECT id, text, tags, ts_rank_cd(search, q) AS r FROM bench_memkit.memories,"
            + " to_tsquery('bench_memkit.memkit_search', ?) q WHERE search @@ q AND namespace = 'default'"
            + " ORDER BY r DESC LIMIT 10";
    try (PreparedStatement ps = raw.prepareStatement(sql)) {
      ps.setString(1, String.join(" | ", words)); // the analyser's words: letters and digits only
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          n += rs.getString(2).length() > 0 ? 1 : 0;
        }
      }
      return n;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final ThreadLocal<Connection> RAW = new ThreadLocal<>();

  /** One row inserted and committed on this thread's own connection. */
  private static void rawInsert(String jdbc, String user, String password, String text) {
    try {
      Connection c = RAW.get();
      if (c == null) {
        c = DriverManager.getConnection(jdbc, user, password);
        c.setAutoCommit(false);
        RAW.set(c);
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO bench_raw.docs (text) VALUES (?)")) {
        ps.setString(1, text);
        ps.executeUpdate();
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  private interface Query {
    int run(String question);
  }

  /** Per-query milliseconds for every question, after one warm-up pass. */
  private static double[] searchTimes(List<String> questions, Query query) {
    for (String q : questions) {
      query.run(q);
    }
    double[] times = new double[questions.size()];
    for (int i = 0; i < questions.size(); i++) {
      long t = System.nanoTime();
      query.run(questions.get(i));
      times[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(times);
    return times;
  }

  private static double pct(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  @FunctionalInterface
  private interface Op {
    void run(int writer, int i) throws Exception;
  }

  /**
   * Operations per second from {@code writers} threads over {@code seconds}, after a 2 s warm-up.
   */
  private static double rate(int writers, int seconds, Op op) throws InterruptedException {
    AtomicLong done = new AtomicLong();
    long warmEnd = System.nanoTime() + 2_000_000_000L;
    long end = warmEnd + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                  try {
                    op.run(writer, i);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  if (System.nanoTime() > warmEnd) {
                    done.incrementAndGet();
                  }
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return done.get() / (double) seconds;
  }
}
