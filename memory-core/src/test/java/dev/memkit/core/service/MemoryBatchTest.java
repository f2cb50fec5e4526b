package dev.memkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.Space;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.MemoryAdded;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.port.out.StoreWork;
import dev.memkit.core.store.memory.InMemoryStoreProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Adding many memories at once: one unit of work, client keys honoured within and across batches.
 */
class MemoryBatchTest {
  private final AtomicInteger writes = new AtomicInteger();
  private final Store store =
      counting(new InMemoryStoreProvider().open(StoreLocation.parse("mem:", Map.of())));
  private final Space space = Memkit.of(store, MemkitOptions.defaults()).space("import");

  private Store counting(Store inner) {
    return new Store() {
      @Override
      public <T> T read(StoreWork<T> work) {
        return inner.read(work);
      }

      @Override
      public <T> T write(StoreWork<T> work) {
        writes.incrementAndGet();
        return inner.write(work);
      }

      @Override
      public Backups backups() {
        return inner.backups();
      }

      @Override
      public String description() {
        return inner.description();
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  private static AddMemory keyed(String text, String key) {
    return AddMemory.of(text).withKey(MemoryKey.of(key));
  }

  @Test
  void aBatchIsOneWriteWithOneAuditEntryPerMemory() {
    List<MemoryAdded> added =
        space
            .memories()
            .addAll(List.of(AddMemory.of("one"), AddMemory.of("two"), AddMemory.of("three")));

    assertThat(writes).hasValue(1);
    assertThat(added)
        .allMatch(MemoryAdded::created)
        .extracting(a -> a.memory().text())
        .containsExactly("one", "two", "three");
    assertThat(space.memories().list(ListMemories.newest(10)).items()).hasSize(3);
    assertThat(space.audit().list(ListAudit.newest(50)).items())
        .hasSize(3)
        .allMatch(e -> e.action().equals("memory.add"));
  }

  @Test
  void keysAlreadyUsedInTheNamespaceOrEarlierInTheBatchAddNothing() {
    space.memories().add(keyed("first", "k1"));

    List<MemoryAdded> added =
        space
            .memories()
            .addAll(List.of(keyed("again", "k1"), keyed("new", "k2"), keyed("new twice", "k2")));

    assertThat(added).extracting(MemoryAdded::created).containsExactly(false, true, false);
    assertThat(added.get(0).memory().text()).isEqualTo("first");
    assertThat(added.get(2).memory().id()).isEqualTo(added.get(1).memory().id());
    assertThat(space.memories().addAll(List.of(keyed("x", "k1"), keyed("y", "k2"))))
        .noneMatch(MemoryAdded::created);
    assertThat(space.memories().list(ListMemories.newest(10)).items()).hasSize(2);
  }

  @Test
  void anOversizedOrHoleyBatchIsRefusedBeforeAnythingIsWritten() {
    List<AddMemory> tooMany = Collections.nCopies(50_001, AddMemory.of("x"));
    assertThatThrownBy(() -> space.memories().addAll(tooMany))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most 50000");
    List<AddMemory> holey = new ArrayList<>();
    holey.add(AddMemory.of("x"));
    holey.add(null);
    assertThatThrownBy(() -> space.memories().addAll(holey))
        .isInstanceOf(ValidationException.class);
    assertThat(space.memories().addAll(List.of())).isEmpty();
    assertThat(writes).hasValue(0);
  }
}
