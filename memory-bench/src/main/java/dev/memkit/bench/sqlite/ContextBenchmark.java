package dev.memkit.bench.sqlite;

import dev.memkit.core.model.ContextBlock;
import dev.memkit.core.port.in.ContextRequest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Context export with {@code max_tokens=2000} (o200k_base): memkit against raw JDBC reading the
 * same candidates (state, active goals, the newest 1,000 memories) from the same file and cutting
 * the block at 8,000 characters, with no token counting: the difference is memkit's exact
 * BPE-counted fitting plus its record mapping.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class ContextBenchmark {

  /** memkit's context export. */
  @Benchmark
  public ContextBlock memkitContext(ReadState s) {
    return s.space.context().export(ContextRequest.maxTokens(2000));
  }

  /** The same candidates read with raw JDBC, joined up to 8,000 characters. */
  @Benchmark
  public String rawContext(ReadState s) throws SQLException {
    StringBuilder out = new StringBuilder(9000);
    try (Statement st = s.rawOnMemkitFile.createStatement()) {
      st.execute("BEGIN");
      try {
        out.append("# State:\n");
        try (ResultSet rs =
            st.executeQuery(
                "SELECT key, value FROM state WHERE namespace = 'default' ORDER BY key")) {
          while (rs.next()) {
            out.append("- ")
                .append(rs.getString(1))
                .append(": ")
                .append(rs.getString(2))
                .append('\n');
          }
        }
        out.append("\n# Goals:\n");
        try (ResultSet rs =
            st.executeQuery(
                "SELECT id, status, title FROM goals WHERE namespace = 'default'"
                    + " AND status NOT IN ('done', 'abandoned') ORDER BY id")) {
          while (rs.next()) {
            out.append("- [")
                .append(rs.getString(2))
                .append("] (")
                .append(rs.getLong(1))
                .append(") ")
                .append(rs.getString(3))
                .append('\n');
          }
        }
        out.append("\n# Recent Memory:\n");
        try (PreparedStatement ps =
            s.rawOnMemkitFile.prepareStatement(
                "SELECT text, tags FROM memories WHERE namespace = 'default' ORDER BY id DESC LIMIT 1000")) {
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String line =
                  "- "
                      + rs.getString(1).replace('\n', ' ')
                      + " ("
                      + rs.getString(2).replace(' ', ',')
                      + ")\n";
              if (out.length() + line.length() <= 8000) {
                out.append(line);
              }
            }
          }
        }
      } finally {
        st.execute("COMMIT");
      }
    }
    return out.toString();
  }
}
