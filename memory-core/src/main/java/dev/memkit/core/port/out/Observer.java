package dev.memkit.core.port.out;

/**
 * What the core and the stores report about their work, for metrics: how long store operations and
 * searches take, how many units of work a group commit wrote together, the backups taken, and what
 * was recovered on open. An adapter (the HTTP server's metrics) implements it; everything else
 * passes {@link #NONE}.
 *
 * <p>Every method has an empty default, so an implementation picks what it records. Methods are
 * called on the threads doing the work, often inside a store's locks: they must be quick and must
 * not throw or call back into the store.
 *
 * <pre>{@code
 * Observer log = new Observer() {
 *   public void batchCommitted(String store, int units) { System.out.println(units + " units in one commit"); }
 * };
 * Memkit.open("sqlite:./data/memkit.db", MemkitOptions.defaults().withObserver(log));
 * }</pre>
 */
public interface Observer {
  /** Records nothing. */
  Observer NONE = new Observer() {};

  /**
   * One {@link Store#read} or {@link Store#write} finished.
   *
   * @param operation {@code read} or {@code write}
   * @param failed whether it threw
   * @param nanos how long it took, waiting for the writer included
   */
  default void storeOperation(String operation, boolean failed, long nanos) {}

  /**
   * A search of the memory log finished.
   *
   * @param mode how it searched, e.g. {@code keyword}
   * @param hits how many results it returned
   * @param nanos how long it took
   */
  default void searched(String mode, int hits, long nanos) {}

  /**
   * A store committed {@code units} units of work together (group commit).
   *
   * @param store the store's scheme, e.g. {@code sqlite}
   */
  default void batchCommitted(String store, int units) {}

  /**
   * A store took a backup (asked for, or automatic).
   *
   * @param store the store's scheme, e.g. {@code sqlite}
   * @param bytes the backup's size
   * @param nanos how long taking it took
   */
  default void backupTaken(String store, long bytes, long nanos) {}

  /**
   * A store repaired something when it opened.
   *
   * @param store the store's scheme, e.g. {@code sqlite}
   * @param event what it did: {@code restored_backup} (a damaged file replaced by its newest sound
   *     backup), {@code replayed_journal} (changes replayed from a journal), {@code repaired}
   *     (damaged records set aside)
   */
  default void recovered(String store, String event) {}
}
