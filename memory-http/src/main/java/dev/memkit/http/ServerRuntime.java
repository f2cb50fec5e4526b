package dev.memkit.http;

import dev.memkit.core.Memkit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the running server shares with its routes: the open {@link Memkit}, the keys (empty on a
 * server without keys), and the settings.
 *
 * <p>The store opens on a thread of its own while Micronaut's context starts ({@link
 * MemkitServer#start}), so {@link #memkit()} waits until it is open; the server takes no request
 * before that.
 */
final class ServerRuntime {
  private final CompletableFuture<Memkit> memkit;
  private final Optional<KeyRing> keys;
  private final ServerSettings settings;

  /**
   * @param memkit completed with the open store, or with the reason it could not be opened
   */
  ServerRuntime(CompletableFuture<Memkit> memkit, Optional<KeyRing> keys, ServerSettings settings) {
    this.memkit = Objects.requireNonNull(memkit, "memkit");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The open store, once it is open.
   *
   * @throws RuntimeException what opening it threw
   */
  Memkit memkit() {
    try {
      return memkit.join();
    } catch (CompletionException e) {
      throw StoreOpening.unwrap(e);
    }
  }

  Optional<KeyRing> keys() {
    return keys;
  }

  ServerSettings settings() {
    return settings;
  }
}
