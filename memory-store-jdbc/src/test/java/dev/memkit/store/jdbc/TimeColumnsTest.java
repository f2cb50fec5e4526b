package dev.memkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Times are read back exactly as written, fast path or not. */
class TimeColumnsTest {
  @Test
  void everyInstantReadsBackExactly() {
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong() % 400_000_000_000L;
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(seconds, nanos);
      assertThat(TimeColumns.parse(TimeColumns.text(t))).isEqualTo(t);
    }
    for (Instant t :
        new Instant[] {
          Instant.MIN,
          Instant.MAX,
          Instant.EPOCH,
          Instant.parse("0000-01-01T00:00:00Z"),
          Instant.parse("9999-12-31T23:59:59.999999999Z"),
          Instant.parse("2024-02-29T12:00:00.5Z")
        }) {
      assertThat(TimeColumns.parse(TimeColumns.text(t))).isEqualTo(t);
    }
  }
}
