package dev.memkit.bench.sqlite;

import dev.memkit.bench.data.ZipfText;
import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.port.in.AddMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The latency of each {@code add} under load, not only the throughput: {@code threads} callers add
 * memories to a scratch copy of the data set of {@code size} memories for {@code seconds}, each
 * timing every call. Prints adds/s, p50, p99, p99.9 and the maximum, how many automatic backups
 * ran, the largest {@code -wal} file seen, how many of the slow adds (over 50 ms) overlapped a
 * backup, the phases of the writer's slow batches (SQLite: queue wait, SQL, commit, marks; JSON:
 * queue wait, write, fsync, audit), which the store logs at DEBUG, the JSON store's compactions
 * with their phases, and the garbage collections during the run.
 *
 * <pre>
 * java -cp memory-bench/target/benchmarks.jar dev.memkit.bench.sqlite.WriteLatency SIZE THREADS SECONDS [STORE-PARAMETERS]
 * </pre>
 *
 * <p>{@code STORE-PARAMETERS} are added to the store URI (e.g. {@code backup_every_writes=500});
 * without them automatic backups run at their defaults. Not run by {@code verify}.
 */
public final class WriteLatency {
  private static final long SLOW_NANOS = 50_000_000L;

  /** The phases of the SQLite writer's slow batches, in the order its log gives them. */
  public static final List<String> SQLITE_PHASES = List.of("queue wait", "SQL", "commit", "marks");

  private WriteLatency() {}

  /**
   * The command-line arguments {@code SIZE THREADS SECONDS [STORE-PARAMETERS]}.
   *
   * @param size memories in the data set
   * @param threads callers adding at once
   * @param seconds how long they add
   * @param parameters added to the store URI, may be empty
   */
  public record Arguments(int size, int threads, int seconds, String parameters) {
    /** Reads {@code args}; 20000 32 20 and no parameters when absent. */
    public static Arguments of(String[] args) {
      return new Arguments(
          args.length > 0 ? Integer.parseInt(args[0]) : 20_000,
          args.length > 1 ? Integer.parseInt(args[1]) : 32,
          args.length > 2 ? Integer.parseInt(args[2]) : 20,
          args.length > 3 ? args[3] : "");
    }
  }

  /** Runs one measurement; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Arguments a = Arguments.of(args);
    int size = a.size();
    int threads = a.threads();
    int seconds = a.seconds();
    String parameters = a.parameters();
    Path file = SqliteDatasets.scratchCopy(SqliteDatasets.memkit(size), "latency-" + size + ".db");
    Path backups = file.resolveSibling(file.getFileName() + ".backups");
    Path marks = file.resolveSibling(file.getFileName() + ".marks");
    deleteTree(backups);
    Files.deleteIfExists(marks);
    System.out.printf("sqlite size=%d threads=%d parameters='%s'%n", size, threads, parameters);
    measure(
        "sqlite:" + file + "?integrity_check=off" + (parameters.isEmpty() ? "" : "&" + parameters),
        SqliteDatasets.options(),
        threads,
        seconds,
        backups,
        "*.partial",
        file.resolveSibling(file.getFileName() + "-wal"),
        SQLITE_PHASES);
    deleteTree(backups);
    SqliteDatasets.deleteDatabase(file);
    Files.deleteIfExists(marks);
  }

  /**
   * Has {@code threads} callers add memories to the store at {@code uri} for {@code seconds} and
   * prints what they saw. Background work is taken to be running while a file matching {@code
   * busyGlob} exists in {@code busyDir} (a backup or snapshot being written); {@code log}, when not
   * null, is a file whose largest size is reported; {@code phases} names the phases of the store's
   * slow-batch log (the parameters after the first).
   */
  public static void measure(
      String uri,
      MemkitOptions options,
      int threads,
      int seconds,
      Path busyDir,
      String busyGlob,
      Path log,
      List<String> phases)
      throws InterruptedException {
    ConcurrentLinkedQueue<Object[]> slowBatches = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Object[]> compactions = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Double> restarts = new ConcurrentLinkedQueue<>();
    Logger storeLog = Logger.getLogger("dev.memkit.store");
    storeLog.setLevel(Level.FINE);
    storeLog.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getMessage() != null
                && r.getMessage().startsWith("slow write batch")
                && r.getParameters() != null) {
              slowBatches.add(r.getParameters());
            } else if (r.getMessage() != null
                && r.getMessage().startsWith("compaction of")
                && r.getParameters() != null) {
              compactions.add(r.getParameters());
            } else if (r.getMessage() != null
                && r.getMessage().startsWith("restarted the write-ahead log")) {
              restarts.add(((Number) r.getParameters()[2]).doubleValue());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    List<long[]> busySpans = new ArrayList<>();
    long[] maxLog = new long[1];
    AtomicBoolean running = new AtomicBoolean(true);
    List<List<long[]>> perThread = new ArrayList<>();
    long started;
    long ended;
    long[] deadline = new long[1];
    long[] gcBefore = gc();
    try (Memkit memkit = Memkit.open(uri, options)) {
      Thread watcher =
          new Thread(
              () -> watch(busyDir, busyGlob, log, running, busySpans, maxLog), "latency-watcher");
      watcher.setDaemon(true);
      watcher.start();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<long[]> mine = new ArrayList<>();
        perThread.add(mine);
        List<String> texts = ZipfText.seeded(20261121L + 500 + t).memories(500);
        Thread w =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; System.nanoTime() < deadline[0] && i < 2_000_000; i++) {
                    long s = System.nanoTime();
                    memkit.space().memories().add(AddMemory.of(texts.get(i % texts.size())));
                    mine.add(new long[] {s, System.nanoTime() - s});
                  }
                },
                "latency-writer-" + t);
        workers.add(w);
        w.start();
      }
      started = System.nanoTime();
      deadline[0] = started + Math.min(seconds, 600) * 1_000_000_000L;
      go.countDown();
      for (Thread w : workers) {
        w.join();
      }
      ended = System.nanoTime();
      running.set(false);
      watcher.join();
    }
    long[] gcAfter = gc();
    report(perThread, ended - started, busySpans, maxLog[0], slowBatches, phases);
    System.out.printf(
        "gc: %d collections, %d ms in total%n", gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
    if (!compactions.isEmpty()) {
      double[] copy = column(compactions, 2);
      double[] write = column(compactions, 3);
      System.out.printf(
          "compactions=%d; copy median %.1f max %.1f ms; snapshot write median %.1f max %.1f ms,"
              + " %.1f s in total%n",
          copy.length,
          copy[copy.length / 2],
          copy[copy.length - 1],
          write[write.length / 2],
          write[write.length - 1],
          Arrays.stream(write).sum() / 1000);
    }
    if (!restarts.isEmpty()) {
      System.out.printf(
          "log restarts=%d, writer paused max %.1f ms%n",
          restarts.size(), restarts.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }
  }

  /** Samples every 5 ms whether background work is writing a file and how large the log is. */
  private static void watch(
      Path busyDir,
      String busyGlob,
      Path log,
      AtomicBoolean running,
      List<long[]> spans,
      long[] maxLog) {
    long since = -1;
    while (running.get()) {
      boolean partial = false;
      if (Files.isDirectory(busyDir)) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(busyDir, busyGlob)) {
          partial = s.iterator().hasNext();
        } catch (IOException e) {
          partial = false;
        }
      }
      long now = System.nanoTime();
      if (partial && since < 0) {
        since = now;
      } else if (!partial && since >= 0) {
        synchronized (spans) {
          spans.add(new long[] {since, now});
        }
        since = -1;
      }
      try {
        maxLog[0] = log == null ? 0 : Math.max(maxLog[0], Files.size(log));
      } catch (IOException e) {
        // between a truncation and the next write
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
    if (since >= 0) {
      spans.add(new long[] {since, System.nanoTime()});
    }
  }

  /** Collections and milliseconds spent collecting so far, over every collector. */
  private static long[] gc() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, bean.getCollectionCount());
      millis += Math.max(0, bean.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  /** The parameter {@code index} of every log record, as numbers, sorted. */
  private static double[] column(ConcurrentLinkedQueue<Object[]> records, int index) {
    return records.stream().mapToDouble(b -> ((Number) b[index]).doubleValue()).sorted().toArray();
  }

  private static void report(
      List<List<long[]>> perThread,
      long nanos,
      List<long[]> backupSpans,
      long maxWal,
      ConcurrentLinkedQueue<Object[]> slowBatches,
      List<String> phases) {
    List<long[]> all = perThread.stream().flatMap(List::stream).collect(Collectors.toList());
    long[] latencies = all.stream().mapToLong(a -> a[1]).sorted().toArray();
    int n = latencies.length;
    long slow = all.stream().filter(a -> a[1] > SLOW_NANOS).count();
    long slowInBackup =
        all.stream()
            .filter(a -> a[1] > SLOW_NANOS)
            .filter(a -> backupSpans.stream().anyMatch(b -> a[0] < b[1] && a[0] + a[1] > b[0]))
            .count();
    long backupNanos = backupSpans.stream().mapToLong(b -> b[1] - b[0]).sum();
    System.out.printf(
        "adds=%d adds/s=%.0f p50=%.1f ms p99=%.1f ms p99.9=%.1f ms max=%.1f ms%n",
        n,
        n / (nanos / 1e9),
        ms(pct(latencies, 0.50)),
        ms(pct(latencies, 0.99)),
        ms(pct(latencies, 0.999)),
        ms(n == 0 ? 0 : latencies[n - 1]));
    System.out.printf(
        "background=%d (%.1f s of %.1f s writing a backup or snapshot) max-log=%.1f MiB"
            + " slow-adds(>50ms)=%d of which during background work=%d%n",
        backupSpans.size(), backupNanos / 1e9, nanos / 1e9, maxWal / 1048576.0, slow, slowInBackup);
    List<Object[]> batches = new ArrayList<>(slowBatches);
    if (batches.isEmpty()) {
      return;
    }
    StringBuilder line = new StringBuilder("slow batches=" + batches.size());
    for (int p = 0; p < phases.size(); p++) {
      double[] v = column(slowBatches, p + 1);
      line.append(
          String.format(
              "; %s median %.1f max %.1f ms",
              phases.get(p),
              v.length == 0 ? 0 : v[v.length / 2],
              v.length == 0 ? 0 : v[v.length - 1]));
    }
    System.out.println(line);
    Map<String, Long> worst =
        batches.stream()
            .sorted(
                Comparator.comparingDouble((Object[] b) -> ((Number) b[3]).doubleValue())
                    .reversed())
            .limit(3)
            .collect(
                Collectors.toMap(
                    b -> Arrays.toString(Arrays.copyOfRange(b, 1, b.length)), b -> 1L, Long::sum));
    System.out.println(
        "slowest commits [" + String.join(", ", phases) + ", units]: " + worst.keySet());
  }

  private static long pct(long[] sorted, double p) {
    return sorted.length == 0
        ? 0
        : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** Deletes {@code dir} and everything in it, if it exists. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
