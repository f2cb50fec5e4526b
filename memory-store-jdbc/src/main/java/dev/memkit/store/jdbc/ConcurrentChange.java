package dev.memkit.store.jdbc;

/**
 * Thrown inside a unit of work when a concurrent writer changed a row between this unit's read and
 * its write (a compare-and-set found another version, or an insert found the key taken). A store
 * whose writers can meet (PostgreSQL) rolls the unit back and runs it again, which then sees the
 * other writer's row.
 */
public final class ConcurrentChange extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code what} (e.g. "state key 'k'") was changed by a concurrent writer. */
  public ConcurrentChange(String what) {
    super(what + " was changed by a concurrent writer", null, false, false);
  }
}
