package dev.memkit.bench.eval;

import dev.memkit.bench.data.ZipfText;
import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.MemoryUseCase;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.core.port.out.MemoryVector;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.port.out.StoreProvider;
import dev.memkit.core.service.SemanticIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;

/**
 * The costs of hybrid search on SQLite, measured in one process: add latency with and without the
 * model, indexer throughput, search latency per mode at 1,000 and 100,000 memories, and the
 * resident memory with the model loaded. At 100,000 the vectors are random (embedding 100,000 texts
 * takes minutes of CPU): latency does not depend on what they mean.
 *
 * <pre>
 * ./mvnw -B -q -pl memory-bench -am package -DskipTests
 * java -Xmx2g -cp memory-bench/target/benchmarks.jar dev.memkit.bench.eval.HybridLoad [large-size]
 * </pre>
 */
public final class HybridLoad {
  private static final String MODEL = "all-minilm-l6-v2-q";
  private static final int ADDS = 1_000;
  private static final int QUERIES = 200;

  private HybridLoad() {}

  /** Runs every measurement and prints one line each. */
  public static void main(String[] args) throws Exception {
    int large = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dir = Files.createTempDirectory("memkit-hybrid-load-");
    ZipfText text = ZipfText.seeded(7);
    List<String> texts = text.memories(ADDS);
    // without, with, without again: the first run also warms the JIT up for the others
    double first = addP50(dir.resolve("warm.db"), "none", texts);
    double with = addP50(dir.resolve("hybrid.db"), MODEL, texts);
    double without = addP50(dir.resolve("keyword.db"), "none", texts);
    System.out.printf(
        Locale.ROOT,
        "add p50: %.3f ms without the model, %.3f ms with it (%.2fx; the JIT warm-up run: %.3f ms)%n",
        without,
        with,
        with / without,
        first);

    try (Memkit memkit = open(dir.resolve("keyword.db"), MODEL)) {
      memkit.awaitSearchReady(Duration.ofMinutes(2));
      long start = System.nanoTime();
      memkit.reindex(true, (d, t) -> {});
      double seconds = (System.nanoTime() - start) / 1e9;
      long embedded = memkit.searchStatus().indexed();
      System.out.printf(
          Locale.ROOT,
          "indexing: %d memories embedded in %.1f s = %.0f per second (the foreground re-index"
              + " and the background indexer, 1 intra-op thread each)%n",
          embedded,
          seconds,
          embedded / seconds);
      searchLatency(memkit, ADDS, text);
    }

    Path big = dir.resolve("large.db");
    if (large > 0) {
      fill(big, large, text);
    }
    try (Memkit memkit = open(large > 0 ? big : dir.resolve("keyword.db"), MODEL)) {
      long start = System.nanoTime();
      memkit.awaitSearchReady(Duration.ofMinutes(10));
      System.out.printf(
          Locale.ROOT,
          "open with %d stored vectors: ready in %.1f s, %d indexed%n",
          large,
          (System.nanoTime() - start) / 1e9,
          memkit.searchStatus().indexed());
      if (large > 0) {
        searchLatency(memkit, large, text);
      }
      System.gc();
      System.out.printf(
          Locale.ROOT, "resident memory with the model and %d vectors: %s%n", large, rss());
    }
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Memkit open(Path file, String embedder) {
    return Memkit.open(
        "sqlite:" + file + "?synchronous=normal",
        MemkitOptions.defaults().withEnvironment(Map.of("MEMKIT_EMBEDDER", embedder)));
  }

  private static double addP50(Path file, String embedder, List<String> texts) {
    try (Memkit memkit = open(file, embedder)) {
      memkit.awaitSearchReady(Duration.ofMinutes(2));
      MemoryUseCase memories = memkit.space().memories();
      for (int i = 0; i < 200; i++) {
        memories.add(AddMemory.of("warm-up " + texts.get(i)));
      }
      long[] nanos = new long[texts.size()];
      for (int i = 0; i < texts.size(); i++) {
        long t = System.nanoTime();
        memories.add(AddMemory.of(texts.get(i)));
        nanos[i] = System.nanoTime() - t;
      }
      Arrays.sort(nanos);
      return nanos[nanos.length / 2] / 1e6;
    }
  }

  private static void searchLatency(Memkit memkit, int size, ZipfText text) {
    MemoryUseCase memories = memkit.space().memories();
    List<String> questions = text.questions(QUERIES);
    for (SearchMode mode : SearchMode.values()) {
      for (String q : questions.subList(0, 20)) {
        memories.search(new SearchMemories(q, MemoryFilter.ALL, 10, Optional.of(mode)));
      }
      long[] nanos = new long[questions.size()];
      for (int i = 0; i < questions.size(); i++) {
        long t = System.nanoTime();
        memories.search(
            new SearchMemories(questions.get(i), MemoryFilter.ALL, 10, Optional.of(mode)));
        nanos[i] = System.nanoTime() - t;
      }
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "search %-8s at %,d: p50 %.2f ms, p99 %.2f ms%n",
          mode.value(),
          size,
          nanos[nanos.length / 2] / 1e6,
          nanos[(int) (nanos.length * 0.99)] / 1e6);
    }
  }

  /**
   * {@code size} memories written without the model, then a random stored vector for each, as if
   * embedded.
   */
  private static void fill(Path file, int size, ZipfText text) {
    try (Memkit memkit = open(file, "none")) {
      MemoryUseCase memories = memkit.space().memories();
      for (int i = 0; i < size; i++) {
        memories.add(AddMemory.of(text.memory()));
      }
    }
    StoreProvider sqlite =
        ServiceLoader.load(StoreProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.scheme().equals("sqlite"))
            .findFirst()
            .orElseThrow();
    Random random = new Random(5);
    try (Store store =
        sqlite.open(StoreLocation.parse("sqlite:" + file + "?synchronous=normal", Map.of()))) {
      Optional<MemoryId> before = Optional.empty();
      while (true) {
        Optional<MemoryId> cursor = before;
        List<Memory> page =
            store.read(tx -> tx.memories().list(Namespace.DEFAULT, MemoryFilter.ALL, cursor, 1000));
        if (page.isEmpty()) {
          break;
        }
        List<MemoryVector> vectors = new ArrayList<>();
        for (Memory m : page) {
          float[] v = new float[384];
          for (int j = 0; j < v.length; j++) {
            v[j] = (float) random.nextGaussian();
          }
          vectors.add(
              new MemoryVector(m.id(), MODEL, SemanticIndex.embeddingText(m).hashCode(), v));
        }
        store.write(
            tx -> {
              vectors.forEach(tx.vectors().orElseThrow()::put);
              return null;
            });
        before = Optional.of(page.get(page.size() - 1).id());
      }
    }
  }

  private static String rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return line.substring(6).trim();
        }
      }
    } catch (java.io.IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    return "unknown";
  }
}
