package dev.memkit.core;

import dev.memkit.core.model.StoreHealth;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.port.out.Observer;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreWork;
import java.util.OptionalLong;

/**
 * A store that tells an {@link Observer} how long each read and write took and whether it failed.
 * Only the use cases run on it; {@link Memkit} keeps the store itself for everything else. A method
 * added to {@link Store} must be passed on here too.
 */
final class ObservedStore implements Store {
  private final Store store;
  private final Observer observer;

  private ObservedStore(Store store, Observer observer) {
    this.store = store;
    this.observer = observer;
  }

  /**
   * {@code store} itself when nobody observes, else {@code store} reporting to {@code observer}.
   */
  static Store of(Store store, Observer observer) {
    return observer == Observer.NONE ? store : new ObservedStore(store, observer);
  }

  @Override
  public <T> T read(StoreWork<T> work) {
    return timed("read", () -> store.read(work));
  }

  @Override
  public <T> T write(StoreWork<T> work) {
    return timed("write", () -> store.write(work));
  }

  private <T> T timed(String operation, java.util.function.Supplier<T> call) {
    long started = System.nanoTime();
    boolean failed = true;
    try {
      T result = call.get();
      failed = false;
      return result;
    } finally {
      observer.storeOperation(operation, failed, System.nanoTime() - started);
    }
  }

  @Override
  public OptionalLong dataVersion() {
    return store.dataVersion();
  }

  @Override
  public Backups backups() {
    return store.backups();
  }

  @Override
  public StoreHealth health() {
    return store.health();
  }

  @Override
  public String description() {
    return store.description();
  }

  @Override
  public void close() {
    store.close();
  }
}
