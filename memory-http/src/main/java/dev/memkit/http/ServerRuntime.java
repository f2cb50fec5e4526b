package dev.memkit.http;

import dev.memkit.core.Memkit;
import java.util.Objects;
import java.util.Optional;

/**
 * What the running server shares with its routes: the open {@link Memkit}, the keys (empty on a
 * server without keys), and the settings.
 *
 * <p>The store opens on a thread of its own while Micronaut's context starts ({@link
 * MemkitServer#start}), so {@link #memkit()} waits until it is open; the server takes no request
 * before that.
 */
final class ServerRuntime {
  private final StoreOpening store;
  private final Optional<KeyRing> keys;
  private final ServerSettings settings;

  ServerRuntime(StoreOpening store, Optional<KeyRing> keys, ServerSettings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The open store, once it is open ({@link StoreOpening#await()}).
   *
   * @throws RuntimeException what opening it threw
   */
  Memkit memkit() {
    return store.await();
  }

  Optional<KeyRing> keys() {
    return keys;
  }

  ServerSettings settings() {
    return settings;
  }
}
