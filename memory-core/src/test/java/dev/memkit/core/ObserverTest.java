package dev.memkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.out.Observer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An observer in the options hears every store read and write, and every search with its hit count.
 */
class ObserverTest {
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final Observer observer =
      new Observer() {
        @Override
        public void storeOperation(String operation, boolean failed, long nanos) {
          assertThat(nanos).isNotNegative();
          heard.add(operation + (failed ? " failed" : ""));
        }

        @Override
        public void searched(String mode, int hits, long nanos) {
          heard.add("search " + mode + " " + hits);
        }
      };

  private Memkit open() {
    return Memkit.open(
        "mem:",
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING)
            .withObserver(observer));
  }

  @Test
  void readsWritesAndSearchesAreReported() {
    try (Memkit memkit = open()) {
      Space space = memkit.space();
      space.state().set(StateKey.of("phase"), JsonValue.of("testing"));
      space.memories().add(AddMemory.of("Deployed v1.2").withTags("deploy"));
      heard.clear();
      assertThat(space.memories().search(SearchMemories.of("deployed"))).hasSize(1);
      assertThat(space.state().get(StateKey.of("phase"))).isPresent();
    }
    assertThat(heard).containsExactly("read", "search keyword 1", "read");
  }

  @Test
  void aFailedWriteIsReportedAsFailed() {
    try (Memkit memkit = open()) {
      heard.clear();
      assertThatThrownBy(
              () ->
                  memkit
                      .space()
                      .goals()
                      .progress(
                          new RecordProgress(
                              dev.memkit.core.model.GoalId.of(42),
                              java.util.Optional.empty(),
                              java.util.Optional.of("note"))))
          .isInstanceOf(dev.memkit.core.error.NotFoundException.class);
    }
    assertThat(heard).contains("write failed");
  }

  @Test
  void withoutAnObserverTheStoreIsUsedAsItIs() {
    dev.memkit.core.port.out.Store store =
        new dev.memkit.core.store.memory.InMemoryStoreProvider()
            .open(dev.memkit.core.port.out.StoreLocation.parse("mem:test", Map.of()));
    assertThat(ObservedStore.of(store, Observer.NONE)).isSameAs(store);
    assertThat(ObservedStore.of(store, observer)).isNotSameAs(store);
    assertThat(MemkitOptions.defaults().observer()).isSameAs(Observer.NONE);
    assertThatThrownBy(() -> MemkitOptions.defaults().withObserver(null))
        .isInstanceOf(NullPointerException.class);
  }
}
