package dev.memkit.core.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embeddings of one namespace's memories in memory, for exact cosine search: each vector
 * quantized to one signed byte per dimension (scaled by its largest magnitude), kept in one
 * contiguous array, so 384 dimensions cost 384 bytes plus 16 for the id, the text hash and the
 * norm. Cosine is invariant to each vector's scale, so the bytes' cosine approximates the floats'
 * closely (the error is far below the gaps between relevant and irrelevant memories).
 *
 * <p>Up to {@link #EXACT_MAX} vectors, a search scans every vector's bytes. Beyond, the index also
 * keeps each vector's signs (one bit per dimension, 48 bytes at 384), scans those first (a popcount
 * per 64 dimensions) and scores only the {@link #RESCORE_MIN} or more closest by the bytes: ten
 * times less work at 100,000 vectors, for 48 more bytes each; approximate, but the pool of rescored
 * candidates is 40 times the hits asked for.
 *
 * <p>Safe for concurrent use: searches share a read lock, changes take the write lock.
 */
public final class VectorIndex {
  private static final int INITIAL_CAPACITY = 64;

  /** Up to this many vectors, every search scans all bytes, exactly. */
  public static final int EXACT_MAX = 20_000;

  /**
   * Beyond {@link #EXACT_MAX}, at least this many candidates (closest by signs) are scored by their
   * bytes.
   */
  public static final int RESCORE_MIN = 2_000;

  private final int words;
  private long[] signs;
  private final int dimension;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<Long, Integer> slots = new HashMap<>();
  private long[] ids = new long[INITIAL_CAPACITY];
  private int[] hashes = new int[INITIAL_CAPACITY];
  private float[] norms = new float[INITIAL_CAPACITY];
  private byte[] codes;
  private int size;

  /** An empty index of vectors with {@code dimension} numbers. */
  public VectorIndex(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    }
    this.dimension = dimension;
    this.words = (dimension + 63) / 64;
    this.codes = new byte[INITIAL_CAPACITY * dimension];
  }

  /** A match: the memory id, the hash of the text its vector was made from, and the cosine. */
  public record Match(long id, int textHash, double cosine) {}

  /** The numbers per vector. */
  public int dimension() {
    return dimension;
  }

  /** How many vectors the index holds. */
  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The text hash of memory {@code id}'s vector, if it has one here. */
  public OptionalInt textHash(long id) {
    lock.readLock().lock();
    try {
      Integer slot = slots.get(id);
      return slot == null ? OptionalInt.empty() : OptionalInt.of(hashes[slot]);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Adds or replaces the vector of memory {@code id}.
   *
   * @throws IllegalArgumentException when {@code vector} has another dimension
   */
  public void put(long id, int textHash, float[] vector) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          "vector has " + vector.length + " numbers, the index " + dimension);
    }
    byte[] code = new byte[dimension];
    float norm = quantize(vector, code);
    lock.writeLock().lock();
    try {
      Integer slot = slots.get(id);
      int s;
      if (slot == null) {
        grow();
        s = size++;
        slots.put(id, s);
      } else {
        s = slot;
      }
      ids[s] = id;
      hashes[s] = textHash;
      norms[s] = norm;
      System.arraycopy(code, 0, codes, s * dimension, dimension);
      if (signs != null) {
        writeSigns(s);
      } else if (size > EXACT_MAX) {
        signs = new long[ids.length * words];
        for (int i = 0; i < size; i++) {
          writeSigns(i);
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes the vector of memory {@code id}; returns whether there was one. */
  public boolean remove(long id) {
    lock.writeLock().lock();
    try {
      Integer slot = slots.remove(id);
      if (slot == null) {
        return false;
      }
      int last = --size;
      if (slot != last) {
        ids[slot] = ids[last];
        hashes[slot] = hashes[last];
        norms[slot] = norms[last];
        System.arraycopy(codes, last * dimension, codes, slot * dimension, dimension);
        if (signs != null) {
          System.arraycopy(signs, last * words, signs, slot * words, words);
        }
        slots.put(ids[slot], slot);
      }
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes every vector whose memory id {@code keep} rejects. */
  public void retainOnly(java.util.function.LongPredicate keep) {
    List<Long> gone = new ArrayList<>();
    lock.readLock().lock();
    try {
      for (int s = 0; s < size; s++) {
        if (!keep.test(ids[s])) {
          gone.add(ids[s]);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    gone.forEach(this::remove);
  }

  /**
   * The {@code k} vectors most similar to {@code query} by cosine, best first (ties: higher id
   * first). Exact over every vector held: no approximate index.
   */
  public List<Match> nearest(float[] query, int k) {
    if (query.length != dimension) {
      throw new IllegalArgumentException(
          "query has " + query.length + " numbers, the index " + dimension);
    }
    byte[] q = new byte[dimension];
    float qNorm = quantize(query, q);
    Comparator<Match> worstFirst =
        Comparator.comparingDouble(Match::cosine).thenComparingLong(Match::id);
    PriorityQueue<Match> best = new PriorityQueue<>(Math.max(1, k), worstFirst);
    if (k < 1 || qNorm == 0) {
      return List.of();
    }
    lock.readLock().lock();
    try {
      byte[] c = codes;
      double floor = Double.NEGATIVE_INFINITY;
      int[] pool = signs == null ? null : closestBySigns(q, Math.max(RESCORE_MIN, k * 40));
      int candidates = pool == null ? size : pool.length;
      for (int i = 0; i < candidates; i++) {
        int s = pool == null ? i : pool[i];
        int dot = dot(q, c, s * dimension);
        float norm = norms[s];
        double cosine = norm == 0 ? 0 : dot / ((double) qNorm * norm);
        if (best.size() < k) {
          best.add(new Match(ids[s], hashes[s], cosine));
          if (best.size() == k) {
            floor = best.peek().cosine();
          }
        } else if (cosine > floor || (cosine == floor && ids[s] > best.peek().id())) {
          best.poll();
          best.add(new Match(ids[s], hashes[s], cosine));
          floor = best.peek().cosine();
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    List<Match> out = new ArrayList<>(best);
    out.sort(worstFirst.reversed());
    return out;
  }

  /**
   * The dot product of {@code q} with the codes at {@code base} (a plain loop: the JIT vectorizes
   * it).
   */
  private static int dot(byte[] q, byte[] c, int base) {
    int sum = 0;
    for (int j = 0; j < q.length; j++) {
      sum += q[j] * c[base + j];
    }
    return sum;
  }

  /**
   * The slots of at least {@code want} vectors whose signs differ least from the query's (all
   * vectors at the cut-off distance included): a histogram of distances finds the cut-off.
   */
  private int[] closestBySigns(byte[] q, int want) {
    long[] query = new long[words];
    for (int j = 0; j < dimension; j++) {
      if (q[j] > 0) {
        query[j >>> 6] |= 1L << (j & 63);
      }
    }
    short[] distance = new short[size];
    int[] histogram = new int[dimension + 1];
    long[] sg = signs;
    for (int s = 0; s < size; s++) {
      int d = 0;
      int base = s * words;
      for (int w = 0; w < words; w++) {
        d += Long.bitCount(query[w] ^ sg[base + w]);
      }
      distance[s] = (short) d;
      histogram[d]++;
    }
    int cut = 0;
    int count = histogram[0];
    while (count < want && cut < dimension) {
      count += histogram[++cut];
    }
    int[] pool = new int[count];
    int next = 0;
    for (int s = 0; s < size; s++) {
      if (distance[s] <= cut) {
        pool[next++] = s;
      }
    }
    return pool;
  }

  private void writeSigns(int slot) {
    int base = slot * dimension;
    int out = slot * words;
    for (int w = 0; w < words; w++) {
      signs[out + w] = 0;
    }
    for (int j = 0; j < dimension; j++) {
      if (codes[base + j] > 0) {
        signs[out + (j >>> 6)] |= 1L << (j & 63);
      }
    }
  }

  /**
   * Bytes held per vector: the codes plus id, hash and norm, and beyond {@link #EXACT_MAX} vectors
   * the signs too (the id-to-slot map comes on top).
   */
  public int bytesPerVector() {
    return dimension
        + Long.BYTES
        + Integer.BYTES
        + Float.BYTES
        + (signs == null ? 0 : words * Long.BYTES);
  }

  private void grow() {
    if (size < ids.length) {
      return;
    }
    int capacity = ids.length * 2;
    ids = Arrays.copyOf(ids, capacity);
    hashes = Arrays.copyOf(hashes, capacity);
    norms = Arrays.copyOf(norms, capacity);
    codes = Arrays.copyOf(codes, capacity * dimension);
    if (signs != null) {
      signs = Arrays.copyOf(signs, capacity * words);
    }
  }

  /** Writes {@code v} scaled to -127..127 into {@code out}; returns the norm of the bytes. */
  static float quantize(float[] v, byte[] out) {
    float max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    if (max == 0 || !Float.isFinite(max)) {
      Arrays.fill(out, (byte) 0);
      return 0;
    }
    float scale = 127f / max;
    long sum = 0;
    for (int i = 0; i < v.length; i++) {
      int b = Math.round(v[i] * scale);
      out[i] = (byte) b;
      sum += (long) b * b;
    }
    return (float) Math.sqrt(sum);
  }

  /** The exact cosine of two float vectors of equal length (0 when either is all zeros). */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
