package dev.memkit.store.postgres;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryPage;
import dev.memkit.core.port.in.ListMemories;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Opens memkit on the test PostgreSQL, without any {@code MEMKIT_*} environment. */
final class TestStores {
  private TestStores() {}

  static MemkitOptions options() {
    return MemkitOptions.defaults()
        .withEnvironment(Map.of())
        .withTokenizer(WordTokenCounterProvider.ENCODING);
  }

  /** memkit on schema {@code schema}, with the URI parameters {@code parameters}. */
  static Memkit open(String schema, String parameters) {
    return Memkit.open(PostgresServer.get().uri(schema, parameters), options());
  }

  /** Every memory of {@code space}, newest first, read a page at a time. */
  static List<Memory> allMemories(dev.memkit.core.Space space) {
    List<Memory> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      MemoryPage page = space.memories().list(new ListMemories(MemoryFilter.ALL, cursor, 100));
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    return all;
  }
}
