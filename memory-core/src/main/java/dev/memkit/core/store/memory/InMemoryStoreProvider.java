package dev.memkit.core.store.memory;

import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.port.out.StoreProvider;
import java.time.Clock;

/**
 * Opens {@code mem:} stores: each open is a new, empty store that lives as long as it is open. The
 * part after {@code mem:} is only a label. {@code backup_keep} sets how many backups it keeps.
 */
public final class InMemoryStoreProvider implements StoreProvider {
  /** The scheme, {@code mem}. */
  public static final String SCHEME = "mem";

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Store open(StoreLocation location) {
    return new InMemoryStore("mem:" + location.path(), location.backupKeep(), Clock.systemUTC());
  }
}
