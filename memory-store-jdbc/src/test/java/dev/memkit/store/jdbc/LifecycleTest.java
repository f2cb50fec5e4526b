package dev.memkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.error.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/** A store closes once, and is unavailable from then on. */
class LifecycleTest {
  @Test
  void aClosedStoreIsUnavailableAndClosesOnlyOnce() {
    Lifecycle life = new Lifecycle("sqlite:/tmp/x.db");
    assertThatCode(life::ensureOpen).doesNotThrowAnyException();
    assertThat(life.closed()).isFalse();

    assertThat(life.close()).isTrue();
    assertThat(life.close()).isFalse();
    assertThat(life.closed()).isTrue();
    assertThatThrownBy(life::ensureOpen)
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("store sqlite:/tmp/x.db is closed");
  }
}
