package dev.memkit.core.port.in;

import dev.memkit.core.model.Limits;
import dev.memkit.core.model.StateKey;
import java.util.OptionalLong;

/**
 * Deletes a state entry.
 *
 * @param expectedVersion compare-and-set: the version the entry must have; empty: whatever its
 *     version
 */
public record DeleteState(StateKey key, OptionalLong expectedVersion) {
  /** Checks the key is present and the expected version is not negative. */
  public DeleteState {
    Limits.required(key, "key");
    StateVersions.check(expectedVersion);
  }

  /** Deletes {@code key} whatever its version. */
  public static DeleteState of(StateKey key) {
    return new DeleteState(key, OptionalLong.empty());
  }
}
