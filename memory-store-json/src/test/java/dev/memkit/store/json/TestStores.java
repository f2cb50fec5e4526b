package dev.memkit.store.json;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.port.out.StoreLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Opens {@code json:} stores the way tests need them: with the store object in hand. */
final class TestStores {
  private TestStores() {}

  /**
   * Opens the store in {@code dir} with URI parameters {@code query} (e.g. {@code
   * ?compact_bytes=4096}, or empty).
   */
  static JsonStore open(Path dir, String query) {
    return JsonStore.open(
        JsonStoreSettings.from(StoreLocation.parse("json:" + dir + query, Map.of())),
        Clock.systemUTC());
  }

  /** The core over {@code store}, counting context tokens with the test counter. */
  static Memkit memkit(JsonStore store) {
    return Memkit.of(store, options());
  }

  static MemkitOptions options() {
    return MemkitOptions.defaults()
        .withEnvironment(Map.of())
        .withTokenizer(WordTokenCounterProvider.ENCODING);
  }
}
