package dev.memkit.core.port.in;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.StateKey;
import java.util.OptionalLong;

/**
 * Sets a state entry to a value.
 *
 * @param expectedVersion compare-and-set: the version the entry must have (0: must not exist yet);
 *     empty: whatever its version
 */
public record SetState(StateKey key, JsonValue value, OptionalLong expectedVersion) {
  /** Checks the parts are present and the expected version is not negative. */
  public SetState {
    Limits.required(key, "key");
    Limits.required(value, "value");
    StateVersions.check(expectedVersion);
  }

  /** Sets {@code key} to {@code value} whatever its version. */
  public static SetState of(StateKey key, JsonValue value) {
    return new SetState(key, value, OptionalLong.empty());
  }
}
