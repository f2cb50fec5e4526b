package dev.memkit.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorIndexTest {
  private static final int DIM = 384;

  @Test
  void int8CosineRanksLikeExactCosine() {
    Random random = new Random(7);
    VectorIndex index = new VectorIndex(DIM);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      float[] v = gaussian(random);
      vectors.add(v);
      index.put(i, i, v);
    }
    float[] query = gaussian(random);
    List<VectorIndex.Match> top = index.nearest(query, 10);
    List<Integer> exact = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      exact.add(i);
    }
    exact.sort(
        Comparator.comparingDouble((Integer i) -> VectorIndex.cosine(query, vectors.get(i)))
            .reversed());
    // the int8 top 10 is the exact top 10 up to near-ties; each cosine is within 0.01 of the exact
    // one
    assertThat(top.stream().map(m -> (int) m.id()).toList())
        .containsAnyElementsOf(exact.subList(0, 3));
    assertThat(exact.subList(0, 20)).containsAll(top.stream().map(m -> (int) m.id()).toList());
    for (VectorIndex.Match m : top) {
      assertThat(m.cosine())
          .isCloseTo(
              VectorIndex.cosine(query, vectors.get((int) m.id())),
              org.assertj.core.data.Offset.offset(0.01));
    }
  }

  @Test
  void nearestIsBestFirstAndHoldsAtMostK() {
    VectorIndex index = new VectorIndex(3);
    index.put(1, 0, new float[] {1, 0, 0});
    index.put(2, 0, new float[] {0.7f, 0.7f, 0});
    index.put(3, 0, new float[] {0, 0, 1});
    List<VectorIndex.Match> top = index.nearest(new float[] {1, 0.1f, 0}, 2);
    assertThat(top).extracting(VectorIndex.Match::id).containsExactly(1L, 2L);
    assertThat(top.get(0).cosine()).isGreaterThan(top.get(1).cosine());
  }

  @Test
  void replacingAndRemovingKeepTheOthersIntact() {
    VectorIndex index = new VectorIndex(2);
    index.put(1, 11, new float[] {1, 0});
    index.put(2, 22, new float[] {0, 1});
    index.put(3, 33, new float[] {-1, 0});
    index.put(1, 12, new float[] {0, -1});
    assertThat(index.remove(2)).isTrue();
    assertThat(index.remove(2)).isFalse();
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.textHash(1)).hasValue(12);
    assertThat(index.textHash(3)).hasValue(33);
    assertThat(index.nearest(new float[] {-1, 0}, 1).get(0).id()).isEqualTo(3L);
    assertThat(index.nearest(new float[] {0, -1}, 1).get(0).id()).isEqualTo(1L);
    index.retainOnly(id -> id == 3);
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void aVectorCostsAtMost400BytesAt384DimensionsAnd448BeyondTheExactLimit() {
    VectorIndex index = new VectorIndex(DIM);
    assertThat(index.bytesPerVector()).isLessThanOrEqualTo(400);
    Random random = new Random(3);
    for (int i = 0; i <= VectorIndex.EXACT_MAX; i++) {
      index.put(i, 0, gaussian(random));
    }
    assertThat(index.bytesPerVector()).isEqualTo(448);
  }

  @Test
  void beyondTheExactLimitTheClosestVectorsAreStillFoundInOrder() {
    Random random = new Random(11);
    VectorIndex index = new VectorIndex(DIM);
    for (int i = 0; i < VectorIndex.EXACT_MAX + 5_000; i++) {
      index.put(i, 0, gaussian(random));
    }
    float[] base = gaussian(random);
    // ten near copies of base, each noisier than the one before: they must come back first, in that
    // order
    for (int n = 0; n < 10; n++) {
      float[] copy = base.clone();
      for (int j = 0; j < DIM; j++) {
        copy[j] += (float) (random.nextGaussian() * 0.1 * (n + 1));
      }
      index.put(1_000_000 + n, 0, copy);
    }
    index.remove(17);
    List<VectorIndex.Match> top = index.nearest(base, 10);
    assertThat(top)
        .extracting(VectorIndex.Match::id)
        .containsExactly(
            1_000_000L,
            1_000_001L,
            1_000_002L,
            1_000_003L,
            1_000_004L,
            1_000_005L,
            1_000_006L,
            1_000_007L,
            1_000_008L,
            1_000_009L);
  }

  @Test
  void aVectorOfAnotherDimensionIsRefused() {
    assertThatThrownBy(() -> new VectorIndex(3).put(1, 0, new float[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static float[] gaussian(Random random) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
