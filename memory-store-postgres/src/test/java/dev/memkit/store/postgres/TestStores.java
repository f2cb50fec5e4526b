package dev.memkit.store.postgres;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import java.util.Map;

/** Opens memkit on the test PostgreSQL, without any {@code MEMKIT_*} environment. */
final class TestStores {
  private TestStores() {
  }

  static MemkitOptions options() {
    return MemkitOptions.defaults().withEnvironment(Map.of()).withTokenizer(WordTokenCounterProvider.ENCODING);
  }

  /** memkit on schema {@code schema}, with the URI parameters {@code parameters}. */
  static Memkit open(String schema, String parameters) {
    return Memkit.open(PostgresServer.get().uri(schema, parameters), options());
  }
}
