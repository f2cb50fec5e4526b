package dev.memkit.core.service;

import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * State entries read before, given again while the store's {@link
 * dev.memkit.core.port.out.Store#dataVersion() data version} has not changed: an agent polling a
 * value, or many reading the same few keys, costs the store one read per change instead of one per
 * request. Absent entries are kept too.
 *
 * <p>Always right: an entry is kept with the data version taken <em>before</em> it was read, so a
 * change committed while it was being read makes it stale at once; a store that cannot tell its
 * data version ({@link OptionalLong#empty()}) gets every read passed through. Bounded: the values
 * kept add up to at most {@code budgetBytes} of JSON (each entry counts its value's size and {@link
 * #ENTRY_OVERHEAD_BYTES}); when the next one would not fit, everything kept is dropped. One cache
 * serves every namespace of one {@link dev.memkit.core.Memkit}.
 */
public final class StateCache {
  /** What an entry costs besides its value's JSON: its key, namespace, version and time. */
  static final int ENTRY_OVERHEAD_BYTES = 256;

  /** The budget when {@code MEMKIT_STATE_CACHE_MB} is unset: 8 MiB of state values. */
  static final int DEFAULT_BUDGET_MB = 8;

  private final long budgetBytes;
  private final ConcurrentHashMap<Slot, Kept> kept = new ConcurrentHashMap<>();

  /** Guarded by {@code this}: what the kept entries count against the budget. */
  private long usedBytes;

  /** A cache holding at most {@code budgetBytes} of state values; 0 keeps nothing. */
  public StateCache(long budgetBytes) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budgetBytes must not be negative, got " + budgetBytes);
    }
    this.budgetBytes = budgetBytes;
  }

  /**
   * The cache the environment asks for: {@code MEMKIT_STATE_CACHE_MB} (0 to 1024, default 8) MiB of
   * state values; 0 turns it off.
   *
   * @throws dev.memkit.core.error.ValidationException when the setting is malformed
   */
  public static StateCache from(Map<String, String> environment) {
    return new StateCache(
        SemanticSettings.intSetting(
                environment, "MEMKIT_STATE_CACHE_MB", DEFAULT_BUDGET_MB, 0, 1024)
            * 1024L
            * 1024);
  }

  /**
   * The entry of {@code key} in {@code namespace}: the one kept when it was read at {@code
   * version}, else what {@code read} returns (then kept for {@code version}).
   *
   * @param version the store's data version taken now, before {@code read} may run
   */
  Optional<StateEntry> get(
      OptionalLong version,
      Namespace namespace,
      StateKey key,
      Supplier<Optional<StateEntry>> read) {
    if (version.isEmpty() || budgetBytes == 0) {
      return read.get();
    }
    Slot slot = new Slot(namespace, key);
    Kept found = kept.get(slot);
    if (found != null && found.version() == version.getAsLong()) {
      return found.entry();
    }
    Optional<StateEntry> entry = read.get();
    keep(slot, new Kept(version.getAsLong(), entry, cost(entry)));
    return entry;
  }

  /** How many entries are kept now. */
  int size() {
    return kept.size();
  }

  private synchronized void keep(Slot slot, Kept next) {
    if (next.bytes() > budgetBytes) {
      return;
    }
    Kept previous = kept.get(slot);
    long used = usedBytes - (previous == null ? 0 : previous.bytes());
    if (used + next.bytes() > budgetBytes) {
      kept.clear();
      used = 0;
    }
    kept.put(slot, next);
    usedBytes = used + next.bytes();
  }

  private static long cost(Optional<StateEntry> entry) {
    return ENTRY_OVERHEAD_BYTES + entry.map(e -> (long) JsonWriter.utf8Size(e.value())).orElse(0L);
  }

  /** Where an entry lives. */
  private record Slot(Namespace namespace, StateKey key) {}

  /** An entry (or its absence) as read at a data version, and what it counts. */
  private record Kept(long version, Optional<StateEntry> entry, long bytes) {}
}
