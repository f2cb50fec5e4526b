package dev.memkit.core.store.engine;

/**
 * What a store does with a unit of work's changes before the write returns: nothing, for a store
 * held in memory only ({@link #NONE}); a journal record, for a store on disk.
 */
public interface CommitLog {
  /** Keeps nothing: a write is done once it is made in memory. */
  CommitLog NONE =
      () ->
          new Entry() {
            @Override
            public Runnable commit(UndoLog undo, boolean changed) {
              return null;
            }
          };

  /**
   * Starts a unit of work, under the engine's write lock.
   *
   * @throws RuntimeException (a {@code MemoryException}) to refuse the write before it runs
   */
  Entry begin();

  /** One unit of work's changes, told to it as they are made. */
  interface Entry extends RecordChanges {
    /**
     * Ends the unit, still under the engine's write lock, once its work returned. Throwing undoes
     * the unit.
     *
     * @param undo puts the unit's changes back; may be kept and run later, under the write lock
     * @param changed whether the unit changed anything (a record, an audit entry or an id counter)
     * @return what the writer runs after the lock is released before its write returns (wait for
     *     the disk), or null
     */
    Runnable commit(UndoLog undo, boolean changed);
  }
}
