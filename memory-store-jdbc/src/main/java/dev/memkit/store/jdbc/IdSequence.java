package dev.memkit.store.jdbc;

/**
 * One id sequence (memories', goals') as a unit of work uses it: it hands out new ids, and an id
 * put from elsewhere (an import, a restore) moves it past that id, never back, so no id is reused.
 */
public interface IdSequence {
  /** The next id, reserved for this unit of work. */
  long next();

  /** Makes sure the sequence never hands out {@code id} (or anything below it) again. */
  void movePast(long id);
}
