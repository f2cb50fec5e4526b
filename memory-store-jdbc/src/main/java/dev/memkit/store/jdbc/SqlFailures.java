package dev.memkit.store.jdbc;

import dev.memkit.core.error.StoreUnavailableException;
import java.sql.SQLException;

/** How a store words a driver failure: the core's "store unavailable" error, in plain words. */
@FunctionalInterface
public interface SqlFailures {
  /**
   * The error for {@code e}, raised while {@code doing} (e.g. "run a query") on the store {@code
   * where}.
   */
  StoreUnavailableException wrap(SQLException e, String doing, String where);
}
