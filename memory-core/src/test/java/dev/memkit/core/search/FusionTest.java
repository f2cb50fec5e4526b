package dev.memkit.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FusionTest {
  @Test
  void eachListIsScaledByItsOwnMinimumAndMaximumThenWeighted() {
    List<Fusion.Fused> fused =
        Fusion.fuse(Map.of(1L, 10.0, 2L, 5.0, 3L, 0.0), Map.of(3L, 0.9, 4L, 0.5), 0.3);
    assertThat(fused).extracting(Fusion.Fused::id).containsExactly(1L, 2L, 3L, 4L);
    assertThat(fused.get(0).score()).isEqualTo(0.7);
    assertThat(fused.get(1).score()).isEqualTo(0.35);
    assertThat(fused.get(2).score()).isEqualTo(0.3);
    assertThat(fused.get(3).score()).isEqualTo(0.0);
  }

  @Test
  void aHeavySemanticWeightLetsMeaningOutrankWords() {
    List<Fusion.Fused> fused = Fusion.fuse(Map.of(1L, 3.0, 2L, 1.0), Map.of(2L, 0.8, 1L, 0.1), 0.7);
    assertThat(fused).extracting(Fusion.Fused::id).containsExactly(2L, 1L);
  }

  @Test
  void equalScoresScaleToOneAndTiesGoToTheNewer() {
    List<Fusion.Fused> fused = Fusion.fuse(Map.of(5L, 2.0, 9L, 2.0), Map.of(), 0.5);
    assertThat(fused).extracting(Fusion.Fused::id).containsExactly(9L, 5L);
    assertThat(fused.get(0).score()).isEqualTo(0.5);
  }

  @Test
  void aWeightOutside0To1IsRefused() {
    assertThatThrownBy(() -> Fusion.fuse(Map.of(), Map.of(), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
