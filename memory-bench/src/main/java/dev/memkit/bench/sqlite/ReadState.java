package dev.memkit.bench.sqlite;

import dev.memkit.bench.data.ZipfText;
import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the read benchmarks share: the memkit store and the bare FTS5 table of {@link #size}
 * memories, opened once per trial, and 1,000 questions from the same generator.
 */
@State(Scope.Benchmark)
public class ReadState {
  /** How many memories the data sets hold. */
  @Param({"1000", "100000", "1000000"})
  public int size;

  Memkit memkit;
  Space space;
  Connection raw;
  Connection rawOnMemkitFile;
  List<String> questions;
  private int next;

  /** Builds (once) and opens the data sets. */
  @Setup(Level.Trial)
  public void open() throws SQLException {
    Path memkitFile = SqliteDatasets.memkit(size);
    Path rawFile = SqliteDatasets.raw(size);
    memkit =
        Memkit.open(
            "sqlite:" + memkitFile + "?" + SqliteDatasets.STORE_PARAMETERS,
            SqliteDatasets.options());
    space = memkit.space();
    raw = SqliteDatasets.rawConnection(rawFile);
    rawOnMemkitFile = SqliteDatasets.rawConnection(memkitFile);
    questions = ZipfText.seeded(SqliteDatasets.SEED + 2).questions(1000);
  }

  /** Closes everything. */
  @TearDown(Level.Trial)
  public void close() throws SQLException {
    memkit.close();
    raw.close();
    rawOnMemkitFile.close();
  }

  /** The next question, in a fixed cycle. */
  String question() {
    String q = questions.get(next);
    next = (next + 1) % questions.size();
    return q;
  }

  /** An id between 1 and {@link #size}, in a fixed pseudo-random order. */
  long id() {
    next = (next + 1) % 1_000_003;
    return 1 + (next * 7_919L) % size;
  }
}
