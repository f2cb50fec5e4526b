package dev.memkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The state cache gives an entry again only while the data version is the one it was read at. */
class StateCacheTest {
  static final Namespace NS = Namespace.of("default");
  static final StateKey KEY = StateKey.of("k");

  final AtomicInteger reads = new AtomicInteger();

  private Supplier<Optional<StateEntry>> reading(String text) {
    return () -> {
      reads.incrementAndGet();
      return Optional.of(entry(KEY, text));
    };
  }

  private static StateEntry entry(StateKey key, String text) {
    return new StateEntry(NS, key, JsonValue.of(text), 1, Instant.EPOCH);
  }

  @Test
  void anEntryIsGivenAgainWhileTheVersionStaysTheSame() {
    StateCache cache = new StateCache(1 << 20);
    Optional<StateEntry> first = cache.get(OptionalLong.of(7), NS, KEY, reading("a"));
    assertThat(cache.get(OptionalLong.of(7), NS, KEY, reading("b"))).isSameAs(first);
    assertThat(reads).hasValue(1);
  }

  @Test
  void aNewVersionReadsAgain() {
    StateCache cache = new StateCache(1 << 20);
    cache.get(OptionalLong.of(7), NS, KEY, reading("a"));
    assertThat(cache.get(OptionalLong.of(8), NS, KEY, reading("b")))
        .get()
        .extracting(StateEntry::value)
        .isEqualTo(JsonValue.of("b"));
    // and back to an old number is a change too: only equality counts
    assertThat(cache.get(OptionalLong.of(7), NS, KEY, reading("c")))
        .get()
        .extracting(StateEntry::value)
        .isEqualTo(JsonValue.of("c"));
    assertThat(reads).hasValue(3);
  }

  @Test
  void keysAndNamespacesAreKeptApart() {
    StateCache cache = new StateCache(1 << 20);
    StateKey other = StateKey.of("other");
    cache.get(OptionalLong.of(1), NS, KEY, reading("a"));
    assertThat(cache.get(OptionalLong.of(1), NS, other, Optional::empty)).isEmpty();
    assertThat(
            cache.get(
                OptionalLong.of(1),
                Namespace.of("elsewhere"),
                KEY,
                () -> Optional.of(entry(KEY, "z"))))
        .get()
        .extracting(StateEntry::value)
        .isEqualTo(JsonValue.of("z"));
    assertThat(cache.get(OptionalLong.of(1), NS, other, reading("never"))).isEmpty();
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void withoutAVersionEveryReadGoesToTheStore() {
    StateCache cache = new StateCache(1 << 20);
    cache.get(OptionalLong.empty(), NS, KEY, reading("a"));
    cache.get(OptionalLong.empty(), NS, KEY, reading("a"));
    assertThat(reads).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void aBudgetOfZeroKeepsNothing() {
    StateCache cache = new StateCache(0);
    cache.get(OptionalLong.of(1), NS, KEY, reading("a"));
    cache.get(OptionalLong.of(1), NS, KEY, reading("a"));
    assertThat(reads).hasValue(2);
  }

  @Test
  void whenTheBudgetIsFullEverythingKeptIsDropped() {
    // each entry: the overhead plus a 1,002-byte JSON string: two fit, a third does not
    long each = StateCache.ENTRY_OVERHEAD_BYTES + 1_002;
    StateCache cache = new StateCache(2 * each + 10);
    String big = "x".repeat(1_000);
    for (String key : new String[] {"a", "b"}) {
      cache.get(
          OptionalLong.of(1),
          NS,
          StateKey.of(key),
          () -> Optional.of(entry(StateKey.of(key), big)));
    }
    assertThat(cache.size()).isEqualTo(2);
    cache.get(OptionalLong.of(1), NS, StateKey.of("c"), () -> Optional.of(entry(KEY, big)));
    assertThat(cache.size()).isEqualTo(1);
    // replacing an entry counts its new size only
    cache.get(OptionalLong.of(2), NS, StateKey.of("c"), () -> Optional.of(entry(KEY, big)));
    cache.get(
        OptionalLong.of(2), NS, StateKey.of("d"), () -> Optional.of(entry(StateKey.of("d"), big)));
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void anEntryLargerThanTheBudgetIsNotKept() {
    StateCache cache = new StateCache(StateCache.ENTRY_OVERHEAD_BYTES + 10);
    cache.get(OptionalLong.of(1), NS, KEY, reading("a"));
    assertThat(cache.size()).isEqualTo(1);
    cache.get(OptionalLong.of(1), NS, StateKey.of("big"), reading("x".repeat(100)));
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void theEnvironmentSetsTheBudgetAndBadValuesAreRefused() {
    StateCache byDefault = StateCache.from(Map.of());
    byDefault.get(OptionalLong.of(1), NS, KEY, reading("a"));
    byDefault.get(OptionalLong.of(1), NS, KEY, reading("a"));
    assertThat(reads).as("kept by default").hasValue(1);
    StateCache off = StateCache.from(Map.of("MEMKIT_STATE_CACHE_MB", "0"));
    off.get(OptionalLong.of(1), NS, KEY, reading("a"));
    assertThat(off.size()).isZero();
    StateCache on = StateCache.from(Map.of("MEMKIT_STATE_CACHE_MB", " 16 "));
    on.get(OptionalLong.of(1), NS, KEY, reading("a"));
    assertThat(on.size()).isEqualTo(1);
    for (String bad : new String[] {"-1", "1025", "lots", "1.5"}) {
      assertThatThrownBy(() -> StateCache.from(Map.of("MEMKIT_STATE_CACHE_MB", bad)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("MEMKIT_STATE_CACHE_MB")
          .hasMessageContaining("0 to 1024");
    }
  }
}
