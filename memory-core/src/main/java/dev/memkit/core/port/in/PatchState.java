package dev.memkit.core.port.in;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.StateKey;
import java.util.OptionalLong;

/**
 * Applies an RFC 7386 merge patch to a state entry's value.
 *
 * @param expectedVersion compare-and-set: the version the entry must have (0: must not exist yet);
 *     empty: whatever its version
 */
public record PatchState(StateKey key, JsonValue patch, OptionalLong expectedVersion) {
  /** Checks the parts are present and the expected version is not negative. */
  public PatchState {
    Limits.required(key, "key");
    Limits.required(patch, "patch");
    StateVersions.check(expectedVersion);
  }

  /** Patches {@code key} whatever its version. */
  public static PatchState of(StateKey key, JsonValue patch) {
    return new PatchState(key, patch, OptionalLong.empty());
  }
}
