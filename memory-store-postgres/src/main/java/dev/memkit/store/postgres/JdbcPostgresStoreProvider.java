package dev.memkit.store.postgres;

import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.port.out.StoreProvider;

/**
 * Opens stores given as JDBC URLs, {@code jdbc:postgresql://host[:port]/database[?user=…&…]}, with
 * the parameters of {@link PostgresStoreProvider}. Other {@code jdbc:} URLs are refused.
 */
public final class JdbcPostgresStoreProvider implements StoreProvider {
  /** The scheme, {@code jdbc}. */
  public static final String SCHEME = "jdbc";

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public JdbcPostgresStoreProvider() {
    // nothing to set up: each open reads its own settings
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Store open(StoreLocation location) {
    return PgStore.open(location);
  }
}
