package dev.memkit.bench.vector;

import dev.memkit.core.search.VectorIndex;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The exact int8 cosine scan of one namespace's vectors (384 dimensions), top 50, at several sizes:
 * where brute force stops being fine. Random unit-scale vectors: the scan's cost does not depend on
 * what the vectors mean.
 *
 * <pre>
 * java -jar memory-bench/target/benchmarks.jar VectorScanBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VectorScanBenchmark {
  private static final int DIMENSION = 384;

  @Param({"1000", "10000", "100000", "300000"})
  int size;

  private VectorIndex index;
  private float[][] queries;
  private int next;

  @Setup
  public void fill() {
    Random random = new Random(42);
    index = new VectorIndex(DIMENSION);
    for (int i = 0; i < size; i++) {
      index.put(i, i, vector(random));
    }
    queries = new float[64][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = vector(random);
    }
  }

  private static float[] vector(Random random) {
    float[] v = new float[DIMENSION];
    for (int j = 0; j < DIMENSION; j++) {
      v[j] = (float) random.nextGaussian();
    }
    return v;
  }

  /** The 50 nearest vectors, exactly. */
  @Benchmark
  public Object nearest50() {
    return index.nearest(queries[next++ & 63], 50);
  }
}
