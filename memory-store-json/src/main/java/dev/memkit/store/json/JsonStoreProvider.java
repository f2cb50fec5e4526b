package dev.memkit.store.json;

import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.port.out.StoreProvider;
import java.time.Clock;

/**
 * Opens {@code json:} stores: {@code
 * json:DIR[?backup_keep=N&compact_bytes=N&compact_factor=N&fsync=always|never]}.
 *
 * <p>The directory (created when absent) holds {@code memory.json}, the whole data as the core's
 * pretty-printed export document; {@code memory_backup_<UTC time>.json}, rotated backups ({@code
 * backup_keep}, else {@code MEMKIT_BACKUP_KEEP}, else 20); {@code memory_audit.log}, one JSON line
 * per change; {@code memory_journal_<n>.log}, the checksummed journal of changes since the last
 * compactions; and {@code memory.lock}. A write returns once its journal record is on disk; {@code
 * compact_bytes} (else {@code MEMKIT_JSON_COMPACT_BYTES}, else 1 MiB) is the journal size past
 * which {@code memory.json} is rewritten in the background, once the journal is also {@code
 * compact_factor} (else {@code MEMKIT_JSON_COMPACT_FACTOR}, else 4) times its size; {@code
 * fsync=never} (else {@code MEMKIT_JSON_FSYNC}) leaves flushing to the operating system. One
 * process may open a directory at a time; another gets {@code store in DIR is locked by process
 * PID}.
 */
public final class JsonStoreProvider implements StoreProvider {
  /** The scheme, {@code json}. */
  public static final String SCHEME = "json";

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public JsonStoreProvider() {
    // stateless
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Store open(StoreLocation location) {
    return JsonStore.open(JsonStoreSettings.from(location), Clock.systemUTC(), location.observer());
  }
}
