package dev.memkit.bench.sqlite;

import dev.memkit.bench.data.ZipfText;
import dev.memkit.core.Memkit;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.MemoryAdded;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * Durable adds ({@code synchronous=FULL}, WAL), by 1 and by 16 threads: memkit (memory row, tags,
 * FTS5 index, audit entry with its diff, group commit) against raw JDBC autocommit inserts into a
 * bare FTS5 table, one connection per thread — one fsync per insert. Each trial writes to a scratch
 * copy of the data set.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class AddBenchmark {
  private static final AtomicInteger SEEDS = new AtomicInteger();

  /** The memkit store a trial adds to. */
  @State(Scope.Benchmark)
  public static class MemkitTarget {
    /** How many memories the store holds before the trial. */
    @Param({"1000", "100000", "1000000"})
    public int size;

    Memkit memkit;
    Path file;

    /** Opens a scratch copy of the data set. */
    @Setup(Level.Trial)
    public void open() {
      file = SqliteDatasets.scratchCopy(SqliteDatasets.memkit(size), "scratch-memkit.db");
      memkit =
          Memkit.open(
              "sqlite:" + file + "?" + SqliteDatasets.STORE_PARAMETERS, SqliteDatasets.options());
    }

    /** Closes and removes the copy. */
    @TearDown(Level.Trial)
    public void close() throws java.io.IOException {
      memkit.close();
      SqliteDatasets.deleteDatabase(file);
    }
  }

  /** The bare FTS5 table a trial adds to. */
  @State(Scope.Benchmark)
  public static class RawTarget {
    /** How many rows the table holds before the trial. */
    @Param({"1000", "100000", "1000000"})
    public int size;

    Path file;

    /** Makes a scratch copy of the data set. */
    @Setup(Level.Trial)
    public void open() {
      file = SqliteDatasets.scratchCopy(SqliteDatasets.raw(size), "scratch-raw.db");
    }

    /** Removes the copy. */
    @TearDown(Level.Trial)
    public void close() throws java.io.IOException {
      SqliteDatasets.deleteDatabase(file);
    }
  }

  /** One writing thread's texts. */
  @State(Scope.Thread)
  public static class Texts {
    List<String> texts;
    List<List<String>> tags;
    int next;

    /** 2,000 texts of this thread's own. */
    @Setup(Level.Trial)
    public void make() {
      ZipfText z = ZipfText.seeded(SqliteDatasets.SEED + 100 + SEEDS.incrementAndGet());
      texts = z.memories(2000);
      tags = new java.util.ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        tags.add(z.tags());
      }
    }

    int advance() {
      next = (next + 1) % texts.size();
      return next;
    }
  }

  /** One writing thread's raw connection. */
  @State(Scope.Thread)
  public static class RawWriter {
    Connection connection;
    PreparedStatement insert;

    /** Opens this thread's connection. */
    @Setup(Level.Trial)
    public void open(RawTarget target) throws SQLException {
      connection = SqliteDatasets.rawConnection(target.file);
      insert = connection.prepareStatement("INSERT INTO docs (text, tags) VALUES (?, ?)");
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
      insert.close();
      connection.close();
    }
  }

  private static MemoryAdded add(MemkitTarget t, Texts x) {
    int i = x.advance();
    return t.memkit
        .space()
        .memories()
        .add(AddMemory.of(x.texts.get(i)).withTags(x.tags.get(i).toArray(new String[0])));
  }

  private static int insert(RawWriter w, Texts x) throws SQLException {
    int i = x.advance();
    w.insert.setString(1, x.texts.get(i));
    w.insert.setString(2, String.join(" ", x.tags.get(i)));
    return w.insert.executeUpdate();
  }

  /** memkit, one writer. */
  @Benchmark
  @Threads(1)
  public MemoryAdded memkitAdd1(MemkitTarget t, Texts x) {
    return add(t, x);
  }

  /** Raw autocommit insert, one writer. */
  @Benchmark
  @Threads(1)
  public int rawAdd1(RawWriter w, Texts x) throws SQLException {
    return insert(w, x);
  }

  /** memkit, 16 writers (group commit). */
  @Benchmark
  @Threads(16)
  public MemoryAdded memkitAdd16(MemkitTarget t, Texts x) {
    return add(t, x);
  }

  /** Raw autocommit inserts, 16 writers with a connection each. */
  @Benchmark
  @Threads(16)
  public int rawAdd16(RawWriter w, Texts x) throws SQLException {
    return insert(w, x);
  }
}
