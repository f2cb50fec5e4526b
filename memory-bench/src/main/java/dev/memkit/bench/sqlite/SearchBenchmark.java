package dev.memkit.bench.sqlite;

import dev.memkit.core.model.SearchHit;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.search.SearchQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search, top 10, for natural-language questions: memkit (all-terms-first ranking, BM25, rows
 * turned into memories) against one raw FTS5 {@code MATCH … ORDER BY rank LIMIT 10} built from the
 * same words. Sample time gives p50 and p99.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class SearchBenchmark {

  /** memkit's search. */
  @Benchmark
  public List<SearchHit> memkitSearch(ReadState s) {
    return s.space.memories().search(SearchMemories.of(s.question()));
  }

  /** The same words OR-ed in one FTS5 query, ranked by bm25, rows read as text. */
  @Benchmark
  public List<String> rawSearch(ReadState s) throws SQLException {
    SearchQuery q = SearchQuery.parse(s.question());
    List<String> quoted = new ArrayList<>();
    for (String w : q.words()) {
      quoted.add('"' + w.replace("\"", "\"\"") + '"');
    }
    PreparedStatement ps =
        s.raw.prepareStatement(
            "SELECT rowid, text, tags, bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10");
    List<String> out = new ArrayList<>();
    try (ps) {
      ps.setString(1, String.join(" OR ", quoted));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1) + rs.getString(2) + rs.getString(3) + rs.getDouble(4));
        }
      }
    }
    return out;
  }
}
