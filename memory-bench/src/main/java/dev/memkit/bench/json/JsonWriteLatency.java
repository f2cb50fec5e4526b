package dev.memkit.bench.json;

import dev.memkit.bench.sqlite.WriteLatency;
import java.nio.file.Path;

/**
 * {@link WriteLatency} on the {@code json:} store: the latency of each {@code add} under load,
 * with the time spent writing a snapshot ({@code memory.json.tmp}, a compaction) beside it.
 *
 * <pre>
 * java -cp memory-bench/target/benchmarks.jar dev.memkit.bench.json.JsonWriteLatency SIZE THREADS SECONDS [STORE-PARAMETERS]
 * </pre>
 */
public final class JsonWriteLatency {
  private JsonWriteLatency() {
  }

  /** Runs one measurement on a scratch copy of the compacted data set of SIZE memories. */
  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String parameters = args.length > 3 ? args[3] : "";
    Path dir = JsonDatasets.scratchCopy(JsonDatasets.compacted(size), "latency-json-" + size);
    System.out.printf("json size=%d threads=%d parameters='%s'%n", size, threads, parameters);
    WriteLatency.measure("json:" + dir + (parameters.isEmpty() ? "" : "?" + parameters), JsonDatasets.options(), threads,
        seconds, dir, "*.tmp", null);
    JsonDatasets.delete(dir);
  }
}
