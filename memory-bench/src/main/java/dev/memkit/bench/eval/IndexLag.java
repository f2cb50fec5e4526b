package dev.memkit.bench.eval;

import dev.memkit.bench.data.ZipfText;
import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.MemoryUseCase;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long after its add is acknowledged a memory becomes semantically searchable, at a steady add
 * rate with the embedding model loaded (SQLite, {@code synchronous=normal}).
 *
 * <p>Adds run at a fixed rate on one thread; another watches the index's count of embedded memories
 * every millisecond. The indexer embeds in arrival order, so memory {@code i} of the run is
 * searchable once that count reaches {@code base + i + 1}: its lag is that moment minus its
 * acknowledgement. At the end a semantic search for the last memory's own text checks that the
 * count told the truth. Prints the lag's p50, p99 and maximum, and how many memories took longer
 * than one second.
 *
 * <pre>
 * ./mvnw -B -q -pl memory-bench -am package -DskipTests
 * java -Xmx1g -cp memory-bench/target/benchmarks.jar dev.memkit.bench.eval.IndexLag [adds-per-second] [seconds]
 * </pre>
 */
public final class IndexLag {
  private static final String MODEL = "all-minilm-l6-v2-q";
  private static final int PREFILL = 1_000;

  private IndexLag() {}

  /** Runs the measurement and prints its summary. */
  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int total = rate * seconds;
    Path dir = Files.createTempDirectory("memkit-index-lag-");
    ZipfText text = ZipfText.seeded(11);
    List<String> texts = text.memories(PREFILL + total);
    try (Memkit memkit =
        Memkit.open(
            "sqlite:" + dir.resolve("lag.db") + "?synchronous=normal",
            MemkitOptions.defaults().withEnvironment(Map.of("MEMKIT_EMBEDDER", MODEL)))) {
      if (!memkit.awaitSearchReady(Duration.ofMinutes(2))) {
        throw new IllegalStateException("the model did not load: " + memkit.searchStatus());
      }
      MemoryUseCase memories = memkit.space().memories();
      for (int i = 0; i < PREFILL; i++) {
        memories.add(AddMemory.of(texts.get(i)));
      }
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (memkit.searchStatus().indexed() < PREFILL && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      long base = memkit.searchStatus().indexed();
      long[] acked = new long[total];
      long[] searchable = new long[total];
      AtomicInteger added = new AtomicInteger();
      Thread watcher =
          new Thread(
              () -> {
                int next = 0;
                long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60L);
                while (next < total && System.nanoTime() < stop) {
                  long indexed = memkit.searchStatus().indexed() - base;
                  long now = System.nanoTime();
                  while (next < total && next < indexed && next < added.get()) {
                    searchable[next++] = now;
                  }
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "index-lag-watcher");
      watcher.start();
      ScheduledExecutorService adder = Executors.newSingleThreadScheduledExecutor();
      long periodMicros = 1_000_000L / rate;
      adder.scheduleAtFixedRate(
          () -> {
            int i = added.get();
            if (i >= total) {
              return;
            }
            memories.add(AddMemory.of(texts.get(PREFILL + i)));
            acked[i] = System.nanoTime();
            added.incrementAndGet();
          },
          0,
          periodMicros,
          TimeUnit.MICROSECONDS);
      watcher.join();
      adder.shutdownNow();
      adder.awaitTermination(10, TimeUnit.SECONDS);
      int n = added.get();
      long[] lags = new long[n];
      int unseen = 0;
      for (int i = 0; i < n; i++) {
        if (searchable[i] == 0) {
          unseen++;
          lags[i] = Long.MAX_VALUE;
        } else {
          lags[i] = Math.max(0, searchable[i] - acked[i]);
        }
      }
      long overOneSecond = Arrays.stream(lags).filter(l -> l > 1_000_000_000L).count();
      Arrays.sort(lags);
      String last = texts.get(PREFILL + n - 1);
      boolean lastFound =
          memories
              .search(
                  new SearchMemories(last, MemoryFilter.ALL, 3, Optional.of(SearchMode.SEMANTIC)))
              .stream()
              .anyMatch(h -> h.memory().text().equals(last));
      System.out.printf(
          Locale.ROOT,
          "%d adds at %d/s over %d s: searchable after p50 %.0f ms, p99 %.0f ms, max %s; %d over 1 s,"
              + " %d never; last memory found by a semantic search for its text: %s; load %s%n",
          n,
          rate,
          seconds,
          lags[n / 2] / 1e6,
          lags[(int) (n * 0.99)] / 1e6,
          lags[n - 1] == Long.MAX_VALUE
              ? "never"
              : String.format(Locale.ROOT, "%.0f ms", lags[n - 1] / 1e6),
          overOneSecond,
          unseen,
          lastFound,
          Files.readString(Path.of("/proc/loadavg")).strip());
    } finally {
      try (var all = Files.walk(dir)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
