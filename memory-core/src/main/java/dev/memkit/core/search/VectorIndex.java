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
 * <p>Safe for concurrent use: searches share a read lock, changes take the write lock.
 */
public final class VectorIndex {
  private static final int INITIAL_CAPACITY = 64;
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
    this.codes = new byte[INITIAL_CAPACITY * dimension];
  }

  /** A match: the memory id, the hash of the text its vector was made from, and the cosine. */
  public record Match(long id, int textHash, double cosine) {
  }

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
      throw new IllegalArgumentException("vector has " + vector.length + " numbers, the index " + dimension);
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
      throw new IllegalArgumentException("query has " + query.length + " numbers, the index " + dimension);
    }
    byte[] q = new byte[dimension];
    float qNorm = quantize(query, q);
    Comparator<Match> worstFirst = Comparator.comparingDouble(Match::cosine).thenComparingLong(Match::id);
    PriorityQueue<Match> best = new PriorityQueue<>(Math.max(1, k), worstFirst);
    if (k < 1 || qNorm == 0) {
      return List.of();
    }
    lock.readLock().lock();
    try {
      byte[] c = codes;
      double floor = Double.NEGATIVE_INFINITY;
      for (int s = 0; s < size; s++) {
        int base = s * dimension;
        int dot = 0;
        for (int j = 0; j < dimension; j++) {
          dot += q[j] * c[base + j];
        }
        float n = norms[s];
        double cosine = n == 0 ? 0 : dot / ((double) qNorm * n);
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

  /** Bytes held per vector: the codes plus id, hash and norm (the id-to-slot map comes on top). */
  public int bytesPerVector() {
    return dimension + Long.BYTES + Integer.BYTES + Float.BYTES;
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
