package dev.memkit.bench.json;

import dev.memkit.bench.sqlite.WriteLatency;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link WriteLatency} on the {@code json:} store: the latency of each {@code add} under load, with
 * the time spent writing a snapshot ({@code memory.json.tmp}, a compaction) beside it, the phases
 * of the journal writer's slow batches and of each compaction.
 *
 * <pre>
 * java -cp memory-bench/target/benchmarks.jar dev.memkit.bench.json.JsonWriteLatency SIZE THREADS SECONDS [STORE-PARAMETERS]
 * </pre>
 */
public final class JsonWriteLatency {
  private JsonWriteLatency() {}

  /** Runs one measurement on a scratch copy of the compacted data set of SIZE memories. */
  public static void main(String[] args) throws Exception {
    WriteLatency.Arguments a = WriteLatency.Arguments.of(args);
    Path dir =
        JsonDatasets.scratchCopy(JsonDatasets.compacted(a.size()), "latency-json-" + a.size());
    System.out.printf(
        "json size=%d threads=%d parameters='%s'%n", a.size(), a.threads(), a.parameters());
    WriteLatency.measure(
        "json:" + dir + (a.parameters().isEmpty() ? "" : "?" + a.parameters()),
        JsonDatasets.options(),
        a.threads(),
        a.seconds(),
        dir,
        "*.tmp",
        null,
        List.of("queue wait", "write", "fsync", "audit"));
    JsonDatasets.delete(dir);
  }
}
