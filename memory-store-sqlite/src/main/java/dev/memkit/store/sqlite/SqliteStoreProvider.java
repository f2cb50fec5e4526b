package dev.memkit.store.sqlite;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.port.out.StoreProvider;
import java.sql.SQLException;

/**
 * Opens {@code sqlite:} stores: {@code sqlite:PATH[?name=value&...]}, e.g. {@code
 * sqlite:./data/memkit.db?synchronous=normal}. The file and its directory are created on first use.
 * Parameters, with their defaults:
 *
 * <ul>
 *   <li>{@code synchronous} — {@code full} (an acknowledged write survives power loss) or {@code
 *       normal} (survives a crash of the process, may lose the last writes on power loss);
 *   <li>{@code busy_timeout} — milliseconds to wait for another process's lock, {@code 10000};
 *   <li>{@code readers} — reader connections, {@code 4};
 *   <li>{@code integrity_check} — {@code auto} (run {@code PRAGMA quick_check} on open when the
 *       file was not closed cleanly or fails to open), {@code quick} (on every open) or {@code
 *       off};
 *   <li>{@code backup_keep} — backups kept, else {@code MEMKIT_BACKUP_KEEP}, else {@code 20};
 *   <li>{@code backup_every_writes} — automatic backup after this many writes ({@code 0}: never),
 *       else {@code MEMKIT_BACKUP_EVERY_WRITES}, else {@code 1000};
 *   <li>{@code backup_interval} — automatic backup when this long has passed since the last one and
 *       something was written ({@code off}: never; {@code 30m}, {@code 1h}, {@code PT1H}), else
 *       {@code MEMKIT_BACKUP_INTERVAL}, else {@code 1h}.
 * </ul>
 *
 * Registered for {@link java.util.ServiceLoader} in {@code
 * META-INF/services/dev.memkit.core.port.out.StoreProvider}.
 */
public final class SqliteStoreProvider implements StoreProvider {
  /** The scheme, {@code sqlite}. */
  public static final String SCHEME = "sqlite";

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SqliteStoreProvider() {
    // nothing to set up: each open reads its own settings
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Store open(StoreLocation location) {
    SqliteSettings settings = SqliteSettings.of(location).forOpening();
    try {
      return SqliteStore.open(settings, location.observer());
    } catch (StoreUnavailableException e) {
      if (settings.checkOnOpen()
          || settings.integrityCheck() != SqliteSettings.IntegrityCheck.AUTO
          || !(e.getCause() instanceof SQLException sql)
          || SqlFailure.causeOf(sql) != SqlFailure.Cause.DAMAGED) {
        throw e;
      }
      // closed cleanly, so not checked, yet it does not open: check it, recovering it from a backup
      return SqliteStore.open(settings.withCheckOnOpen(true), location.observer());
    }
  }
}
