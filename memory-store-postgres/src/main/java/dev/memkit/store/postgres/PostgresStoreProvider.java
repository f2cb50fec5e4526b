package dev.memkit.store.postgres;

import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.port.out.StoreProvider;

/**
 * Opens {@code postgresql:} stores: {@code
 * postgresql://[user[:password]@]host[:port][,host:port…]/database[?name=value&…]}. The password
 * may instead come from the parameter {@code password}, else {@code MEMKIT_PG_PASSWORD}, else
 * {@code PGPASSWORD}; the user from {@code user}, else {@code PGUSER}, else the OS user.
 * Parameters, with their defaults:
 *
 * <ul>
 *   <li>{@code schema} — the schema holding memkit's tables, created when absent, else {@code
 *       MEMKIT_PG_SCHEMA}, else {@code memkit};
 *   <li>{@code language} — the snowball stemmer search uses, else {@code MEMKIT_PG_LANGUAGE}, else
 *       {@code english}; fixed when the schema is created;
 *   <li>{@code pool_size} — most connections per process, else {@code MEMKIT_PG_POOL_SIZE}, else
 *       {@code 10};
 *   <li>{@code min_idle} — connections kept open while idle, {@code 1};
 *   <li>{@code connect_timeout} — milliseconds to wait for a connection, {@code 5000};
 *   <li>{@code statement_timeout} — milliseconds a statement may run, {@code 30000} ({@code 0}: no
 *       limit);
 *   <li>{@code idle_timeout} — milliseconds an idle connection is kept, {@code 600000};
 *   <li>{@code max_lifetime} — milliseconds a connection is used before it is replaced, {@code
 *       1800000};
 *   <li>{@code retries} — times a unit of work is tried again after a transient failure, {@code 5};
 *   <li>{@code backup_keep} — backups kept, else {@code MEMKIT_BACKUP_KEEP}, else {@code 20};
 *   <li>{@code sslmode}, {@code sslrootcert}, {@code sslcert}, {@code sslkey}, {@code
 *       application_name}, {@code target_session_attrs} — passed to the driver.
 * </ul>
 *
 * Registered for {@link java.util.ServiceLoader} in {@code
 * META-INF/services/dev.memkit.core.port.out.StoreProvider}.
 */
public final class PostgresStoreProvider implements StoreProvider {
  /** The scheme, {@code postgresql}. */
  public static final String SCHEME = "postgresql";

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public PostgresStoreProvider() {
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
