package dev.memkit.http;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.port.out.Observer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The store being opened on a thread of its own while the server's context starts: the file's check
 * (and recovery after an unclean stop), its schema, and the tokenizer's presence. The server takes
 * no request before {@link #await()} returned.
 */
final class StoreOpening {
  private final CompletableFuture<Memkit> memkit = new CompletableFuture<>();
  private volatile long millis = -1;

  private StoreOpening() {}

  /** Starts opening the store {@code settings} name, reporting to {@code observer}. */
  static StoreOpening start(ServerSettings settings, Observer observer) {
    StoreOpening opening = new StoreOpening();
    Thread thread =
        new Thread(
            () -> {
              long started = System.nanoTime();
              try {
                Memkit opened =
                    Memkit.open(
                        settings.store(),
                        MemkitOptions.defaults()
                            .withEnvironment(settings.coreEnvironment())
                            .withObserver(observer));
                try {
                  // the vocabulary (about 80 MB) is loaded by the first context export, not here
                  opened.checkTokenizer();
                } catch (RuntimeException | Error e) {
                  opened.close();
                  throw e;
                }
                opening.millis = (System.nanoTime() - started) / 1_000_000;
                opening.memkit.complete(opened);
              } catch (RuntimeException | Error e) {
                opening.memkit.completeExceptionally(e);
              }
            },
            "memkit-store-open");
    thread.setDaemon(true);
    thread.start();
    return opening;
  }

  /**
   * Waits until the store is open.
   *
   * @throws RuntimeException what opening it threw (a {@link dev.memkit.core.error.MemoryException}
   *     for a bad setting or a store that cannot be opened)
   */
  Memkit await() {
    try {
      return memkit.join();
    } catch (CompletionException e) {
      throw unwrap(e);
    }
  }

  /** How long the opening took, in milliseconds; -1 before it ended. */
  long millis() {
    return millis;
  }

  /** Closes the store once it is open, when the server failed to start beside it. */
  void closeWhenOpen() {
    memkit.thenAccept(Memkit::close);
  }

  /** The exception that completed {@code e}'s future, as thrown by the opening. */
  private static RuntimeException unwrap(CompletionException e) {
    if (e.getCause() instanceof RuntimeException cause) {
      return cause;
    }
    if (e.getCause() instanceof Error error) {
      throw error;
    }
    return e;
  }
}
