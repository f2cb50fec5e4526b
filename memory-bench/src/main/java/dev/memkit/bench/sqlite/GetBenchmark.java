package dev.memkit.bench.sqlite;

import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Get one memory by id: memkit's {@code find} against a raw lookup by rowid. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class GetBenchmark {

  /** memkit's get. */
  @Benchmark
  public Optional<Memory> memkitGet(ReadState s) {
    return s.space.memories().find(MemoryId.of(s.id()));
  }

  /** {@code SELECT text, tags FROM docs WHERE rowid = ?}. */
  @Benchmark
  public String rawGet(ReadState s) throws SQLException {
    try (PreparedStatement ps =
        s.raw.prepareStatement("SELECT text, tags FROM docs WHERE rowid = ?")) {
      ps.setLong(1, s.id());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) + rs.getString(2) : null;
      }
    }
  }
}
