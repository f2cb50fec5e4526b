package dev.memkit.bench.json;

import dev.memkit.bench.data.ZipfText;
import dev.memkit.core.Memkit;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.MemoryAdded;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable adds (journal record forced to disk before the call returns; memory, BM25 index, audit
 * entry with its diff), on stores of 1k, 10k and 100k memories: the latency should not grow with
 * the store. Background compactions run as they would in use. Sample time gives p50 and p99.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class JsonAddBenchmark {
  private static final AtomicInteger SEEDS = new AtomicInteger();

  /** A scratch copy of the data set of {@code size} memories, opened. */
  @State(Scope.Benchmark)
  public static class Store {
    /** How many memories the store holds before the trial. */
    @Param({"1000", "10000", "100000"})
    public int size;

    Memkit memkit;
    Path dir;

    /** Copies and opens the data set. */
    @Setup(Level.Trial)
    public void open() {
      dir = JsonDatasets.scratchCopy(JsonDatasets.compacted(size), "scratch-json-add");
      memkit = Memkit.open("json:" + dir, JsonDatasets.options());
    }

    /** Closes and removes the copy. */
    @TearDown(Level.Trial)
    public void close() {
      memkit.close();
      JsonDatasets.delete(dir);
    }
  }

  /** A scratch copy of the data set of 100k memories, opened, for the concurrent writers. */
  @State(Scope.Benchmark)
  public static class LargeStore {
    Memkit memkit;
    Path dir;

    /** Copies and opens the data set. */
    @Setup(Level.Trial)
    public void open() {
      dir = JsonDatasets.scratchCopy(JsonDatasets.compacted(100_000), "scratch-json-add16");
      memkit = Memkit.open("json:" + dir, JsonDatasets.options());
    }

    /** Closes and removes the copy. */
    @TearDown(Level.Trial)
    public void close() {
      memkit.close();
      JsonDatasets.delete(dir);
    }
  }

  /** One writing thread's texts. */
  @State(Scope.Thread)
  public static class Texts {
    List<AddMemory> adds;
    int next;

    /** 2,000 memories of this thread's own. */
    @Setup(Level.Trial)
    public void make() {
      ZipfText z = ZipfText.seeded(JsonDatasets.SEED + 100 + SEEDS.incrementAndGet());
      adds = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        adds.add(AddMemory.of(z.memory()).withTags(z.tags().toArray(new String[0])));
      }
    }

    AddMemory advance() {
      next = (next + 1) % adds.size();
      return adds.get(next);
    }
  }

  /** One writer. */
  @Benchmark
  @Threads(1)
  public MemoryAdded add1(Store s, Texts t) {
    return s.memkit.space().memories().add(t.advance());
  }

  /** Sixteen writers at once on 100k memories: their records share disk flushes. */
  @Benchmark
  @Threads(16)
  public MemoryAdded add16(LargeStore s, Texts t) {
    return s.memkit.space().memories().add(t.advance());
  }
}
