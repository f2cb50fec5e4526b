package dev.memkit.bench.json;

import dev.memkit.bench.data.ZipfText;
import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.port.in.SearchMemories;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search, top 10, for natural-language questions on a store of 100k memories: the in-memory BM25
 * index, all-terms-first ranking, filters. Sample time gives p50 and p99.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class JsonSearchBenchmark {

  /** The opened store and the questions asked of it. */
  @State(Scope.Benchmark)
  public static class Store {
    /** How many memories the store holds. */
    @Param({"100000"})
    public int size;

    Memkit memkit;
    Space space;
    Path dir;
    List<String> questions;
    int next;

    /** Copies and opens the data set; makes 1,000 questions. */
    @Setup(Level.Trial)
    public void open() {
      dir = JsonDatasets.scratchCopy(JsonDatasets.compacted(size), "scratch-json-search");
      memkit = Memkit.open("json:" + dir, JsonDatasets.options());
      space = memkit.space();
      questions = ZipfText.seeded(JsonDatasets.SEED + 7).questions(1000);
    }

    /** Closes and removes the copy. */
    @TearDown(Level.Trial)
    public void close() {
      memkit.close();
      JsonDatasets.delete(dir);
    }

    synchronized String question() {
      next = (next + 1) % questions.size();
      return questions.get(next);
    }
  }

  /** One search. */
  @Benchmark
  public List<SearchHit> search(Store s) {
    return s.space.memories().search(SearchMemories.of(s.question()));
  }
}
