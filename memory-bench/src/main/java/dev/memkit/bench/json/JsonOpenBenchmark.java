package dev.memkit.bench.json;

import dev.memkit.core.Memkit;
import dev.memkit.core.port.in.SearchMemories;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opening a store of 100k memories: after a clean close (everything in {@code memory.json}); the
 * same followed by the first search (which builds the namespace's BM25 index); and after a kill
 * with every write still in the journal (the worst case of recovery: all 100k records replayed).
 * Each open works on a fresh copy; closing is not timed.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class JsonOpenBenchmark {

  /** A fresh copy of a data set per open, and the store opened from it. */
  public abstract static class Copy {
    Path dir;
    Memkit opened;

    abstract Path source();

    /** Makes the copy. */
    @Setup(Level.Invocation)
    public void copy() {
      dir = JsonDatasets.scratchCopy(source(), "scratch-json-open");
    }

    /**
     * Closes the store opened (not timed: after a replay, closing compacts) and removes the copy.
     */
    @TearDown(Level.Invocation)
    public void delete() {
      if (opened != null) {
        opened.close();
        opened = null;
      }
      JsonDatasets.delete(dir);
    }
  }

  /** The store of 100k memories after a clean close. */
  @State(Scope.Thread)
  public static class Compacted extends Copy {
    @Override
    Path source() {
      return JsonDatasets.compacted(100_000);
    }
  }

  /**
   * The store of 100k memories as a kill leaves it when no compaction ran: every write in the
   * journal.
   */
  @State(Scope.Thread)
  public static class JournalOnly extends Copy {
    @Override
    Path source() {
      return JsonDatasets.journalOnly(100_000);
    }
  }

  /** Open after a clean close. */
  @Benchmark
  public String openCompacted(Compacted c) {
    c.opened = Memkit.open("json:" + c.dir, JsonDatasets.options());
    return c.opened.storeDescription();
  }

  /**
   * Open after a clean close, then one search: the first search of a namespace builds its index.
   */
  @Benchmark
  public int openCompactedThenSearch(Compacted c) {
    c.opened = Memkit.open("json:" + c.dir, JsonDatasets.options());
    return c.opened
        .space()
        .memories()
        .search(SearchMemories.of("When did we deploy the billing service?"))
        .size();
  }

  /** Open after a kill, replaying the whole journal. */
  @Benchmark
  public String openReplayingJournal(JournalOnly c) {
    c.opened = Memkit.open("json:" + c.dir, JsonDatasets.options());
    return c.opened.storeDescription();
  }
}
