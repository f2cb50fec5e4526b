package dev.memkit.store.postgres;

import dev.memkit.store.jdbc.IdSequence;
import dev.memkit.store.jdbc.JdbcTransaction;
import java.util.HashSet;
import java.util.Set;

/**
 * One id sequence ({@code memory_ids}, {@code goal_ids}) as a unit of work uses it: ids it takes
 * are remembered, so that putting them needs nothing more; an id from elsewhere (an import, a
 * restore) moves the sequence past it, never back.
 */
final class Sequence implements IdSequence {
  private final JdbcTransaction tx;
  private final String name;
  private final Set<Long> issued = new HashSet<>();

  /** {@code name} is one of the schema's sequences, never text from a request. */
  Sequence(JdbcTransaction tx, String name) {
    this.tx = tx;
    this.name = name;
  }

  @Override
  public long next() {
    long id = tx.writing().number("SELECT nextval('" + name + "')");
    issued.add(id);
    return id;
  }

  @Override
  public void movePast(long id) {
    if (!issued.contains(id)) {
      tx.writing()
          .number(
              "SELECT setval('"
                  + name
                  + "', ?) FROM "
                  + name
                  + " WHERE last_value < ? OR (NOT is_called AND last_value <= ?)",
              id,
              id,
              id);
    }
  }
}
