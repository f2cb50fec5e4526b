package dev.memkit.bench.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * memkit's MCP server ({@code bin/memkit mcp} on SQLite, every write fsynced) beside the reference
 * memory server ({@code @modelcontextprotocol/server-memory}, one JSONL file rewritten on every
 * call), driven by the MCP SDK's client over stdio with the same workload: add one memory per call
 * up to {@code bench.memories} (10,000), and at 1,000 and 10,000 run searches. Reports the median
 * of the last 100 adds before each checkpoint and of 50 searches at it, then {@code memkit mcp}'s
 * start to its first {@code tools/list} answer (median of 11 starts).
 *
 * <pre>{@code
 * java -cp memory-bench/target/benchmarks.jar dev.memkit.bench.mcp.McpServersBenchmark <repo root> <reference index.js>
 * }</pre>
 *
 * Run by {@code memory-bench/mcp/run.sh}, which builds and installs what it needs. Never part of
 * {@code verify}.
 */
public final class McpServersBenchmark {
  private static final String[] WORDS =
      ("alpha billing cache deploy engine feature gateway harbor index journal kernel "
              + "ledger mobile network onboarding payment queue release search tenant upload vault webhook"
              + " analytics backup checkout database email firewall gradle helm invoice jenkins kafka lambda"
              + " metrics nginx oauth postgres quota redis schema terraform unicode vector worker")
          .split(" ");
  private static final int WINDOW = 100;
  private static final int SEARCHES = 50;

  private McpServersBenchmark() {}

  /** The two servers' workloads: which tool adds and which searches, with what arguments. */
  private interface Workload {
    CallToolRequest add(int i, String text);

    CallToolRequest search(String query);
  }

  private static final Workload MEMKIT =
      new Workload() {
        @Override
        public CallToolRequest add(int i, String text) {
          return new CallToolRequest("memory_add", Map.of("text", text, "tags", List.of("bench")));
        }

        @Override
        public CallToolRequest search(String query) {
          return new CallToolRequest("memory_search", Map.of("query", query));
        }
      };

  private static final Workload REFERENCE =
      new Workload() {
        @Override
        public CallToolRequest add(int i, String text) {
          return new CallToolRequest(
              "create_entities",
              Map.of(
                  "entities",
                  List.of(
                      Map.of(
                          "name",
                          "memory-" + i,
                          "entityType",
                          "note",
                          "observations",
                          List.of(text)))));
        }

        @Override
        public CallToolRequest search(String query) {
          return new CallToolRequest("search_nodes", Map.of("query", query));
        }
      };

  /** Runs both servers and the start-up measurement; prints a Markdown table. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]).toAbsolutePath();
    Path reference = Path.of(args[1]).toAbsolutePath();
    int total = Integer.getInteger("bench.memories", 10_000);
    long budgetSeconds = Long.getLong("bench.maxSeconds", 1800);
    Path work = Files.createTempDirectory("memkit-mcp-bench");
    String memkit = root.resolve("bin/memkit").toString();

    double startup = startupMedianMillis(memkit, work, 11);
    System.out.printf(
        Locale.ROOT, "memkit mcp start to first tools/list: median %.0f ms (11 starts)%n", startup);

    Map<String, Double> mine =
        run(
            "memkit",
            ServerParameters.builder(memkit)
                .args("mcp", "--store", "sqlite:" + work.resolve("bench.db"))
                .build(),
            MEMKIT,
            total,
            budgetSeconds);
    Map<String, Double> theirs =
        run(
            "reference",
            ServerParameters.builder("node")
                .args(reference.toString())
                .addEnvVar("MEMORY_FILE_PATH", work.resolve("memory.jsonl").toString())
                .build(),
            REFERENCE,
            total,
            budgetSeconds);

    System.out.println();
    System.out.println("| measure (median) | memkit | reference | reference / memkit |");
    System.out.println("|---|---|---|---|");
    for (String key : mine.keySet()) {
      Double a = mine.get(key);
      Double b = theirs.get(key);
      System.out.printf(
          Locale.ROOT,
          "| %s | %.2f ms | %s | %s |%n",
          key,
          a,
          b == null ? "—" : String.format(Locale.ROOT, "%.2f ms", b),
          b == null ? "—" : String.format(Locale.ROOT, "%.1f×", b / a));
    }
    System.out.printf(
        Locale.ROOT, "| `memkit mcp` start → first tools/list | %.0f ms | | |%n", startup);
  }

  /** Adds up to {@code total} memories one call each, measuring at 1,000 and 10,000. */
  private static Map<String, Double> run(
      String name, ServerParameters server, Workload workload, int total, long budgetSeconds) {
    Map<String, Double> results = new LinkedHashMap<>();
    McpSyncClient client =
        McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
            .requestTimeout(Duration.ofSeconds(120))
            .initializationTimeout(Duration.ofSeconds(120))
            .build();
    try {
      client.initialize();
      Random random = new Random(42);
      long[] adds = new long[total + 1];
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(budgetSeconds);
      for (int i = 1; i <= total; i++) {
        String text =
            "Note "
                + i
                + ": the "
                + word(random)
                + " team deployed "
                + word(random)
                + " to "
                + word(random)
                + " after reviewing "
                + word(random);
        long t0 = System.nanoTime();
        CallToolResult r = client.callTool(workload.add(i, text));
        adds[i] = System.nanoTime() - t0;
        check(name, r);
        if (i == 1_000 || i == 10_000 || i == total) {
          String at = i >= 1_000 ? (i / 1_000) + "k" : Integer.toString(i);
          results.put(
              "add at " + at,
              medianMillis(Arrays.copyOfRange(adds, Math.max(1, i - WINDOW + 1), i + 1)));
          long[] searches = new long[SEARCHES];
          for (int s = 0; s < SEARCHES; s++) {
            String query = "deployed " + word(random);
            long s0 = System.nanoTime();
            check(name, client.callTool(workload.search(query)));
            searches[s] = System.nanoTime() - s0;
          }
          results.put("search at " + at, medianMillis(searches));
          System.out.printf(
              Locale.ROOT,
              "%s: %d memories, add %.2f ms, search %.2f ms%n",
              name,
              i,
              results.get("add at " + at),
              results.get("search at " + at));
        }
        if (System.nanoTime() > deadline) {
          System.out.printf(
              Locale.ROOT,
              "%s: stopped at %d memories, over the %d s budget%n",
              name,
              i,
              budgetSeconds);
          break;
        }
      }
    } finally {
      client.closeGracefully();
    }
    return results;
  }

  /**
   * Median milliseconds from starting {@code memkit mcp} to reading its answer to {@code
   * tools/list}.
   */
  private static double startupMedianMillis(String memkit, Path work, int runs) throws Exception {
    String messages =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n";
    long[] times = new long[runs];
    for (int run = -1;
        run < runs;
        run++) { // run -1 warms the launcher's class-data archive, not counted
      long t0 = System.nanoTime();
      Process p =
          new ProcessBuilder(memkit, "mcp", "--store", "sqlite:" + work.resolve("start.db"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try (OutputStream in = p.getOutputStream();
          BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        in.write(messages.getBytes(StandardCharsets.UTF_8));
        in.flush();
        String line;
        while ((line = out.readLine()) != null && !line.contains("\"id\":2")) {
          // the initialize answer
        }
        if (line == null) {
          throw new IllegalStateException("memkit mcp ended before answering tools/list");
        }
        if (run >= 0) {
          times[run] = System.nanoTime() - t0;
        }
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    return medianMillis(times);
  }

  private static void check(String name, CallToolResult r) {
    if (Boolean.TRUE.equals(r.isError())) {
      throw new IllegalStateException(name + " refused a call: " + r.content());
    }
  }

  private static String word(Random random) {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private static double medianMillis(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    return median / 1_000_000.0;
  }
}
