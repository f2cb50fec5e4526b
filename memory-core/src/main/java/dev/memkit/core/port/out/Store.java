package dev.memkit.core.port.out;

import dev.memkit.core.model.StoreHealth;
import java.util.OptionalLong;

/**
 * What a store must do: run units of work atomically over its records, and keep backups.
 *
 * <p>A store is opened by its {@link StoreProvider} and shared by every thread of the process. The
 * core's services do all validation and build every record before they reach a store, so a store
 * only keeps, finds and returns what it is given. A store's I/O failures surface as {@link
 * dev.memkit.core.error.StoreUnavailableException}; no driver or I/O exception type crosses this
 * port.
 *
 * <p>The behaviour every store must have is defined by the contract suite {@code
 * dev.memkit.core.contract.StoreContractTest} in memory-core's test-jar.
 */
public interface Store extends AutoCloseable {

  /**
   * Runs {@code work} against a consistent view of the records and returns its result. The work
   * must not write; a store may run reads concurrently with each other and with a write.
   */
  <T> T read(StoreWork<T> work);

  /**
   * Runs {@code work} as one atomic, isolated change: either every record it wrote is kept or none
   * is (when {@code work} throws, nothing it wrote is kept and the exception is rethrown). When
   * this method returns, the change is durable to the degree the store promises (for the persistent
   * stores: it survives {@code kill -9}). Writes from many threads are serialised; a store may
   * commit several of them together.
   */
  <T> T write(StoreWork<T> work);

  /**
   * A number that changes whenever a change to the records is committed — by this process or by
   * another one sharing the store's files — so that the result of an earlier read may be kept and
   * given again while the number stays the same. Equal numbers mean nothing was committed between
   * the two calls; the number says nothing else (it need not grow). Reading it must cost far less
   * than a read. Empty when the store cannot tell cheaply, and inside a unit of work of this
   * thread; then nothing is kept. The default is empty.
   */
  default OptionalLong dataVersion() {
    return OptionalLong.empty();
  }

  /** This store's backups. */
  Backups backups();

  /**
   * Whether writes can succeed now, for readiness checks: a store that can tell probes what a write
   * needs (its disk, its locks) without changing any record. The default, for stores with nothing
   * that can fail this way, is {@link StoreHealth#WRITABLE}.
   */
  default StoreHealth health() {
    return StoreHealth.WRITABLE;
  }

  /**
   * One line saying what this store is and where, for logs, e.g. {@code sqlite:/data/memkit.db}.
   */
  String description();

  /**
   * Flushes and releases everything the store holds; later calls fail. Closing twice is harmless.
   */
  @Override
  void close();
}
