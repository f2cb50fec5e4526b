package dev.memkit.core.port.out;

import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import java.util.List;
import java.util.Optional;

/** Where state entries are kept. */
public interface StateRecords {
  /** The entry {@code key} of {@code namespace}, if present. */
  Optional<StateEntry> find(Namespace namespace, StateKey key);

  /**
   * The entries of {@code namespace} whose key starts with {@code prefix} (empty: all), in key
   * order.
   */
  List<StateEntry> list(Namespace namespace, String prefix);

  /** Inserts {@code entry}, or replaces the entry with its namespace and key. */
  void put(StateEntry entry);

  /** Removes the entry; returns whether it existed. */
  boolean delete(Namespace namespace, StateKey key);

  /** Removes every entry of {@code namespace}. */
  void deleteAll(Namespace namespace);
}
