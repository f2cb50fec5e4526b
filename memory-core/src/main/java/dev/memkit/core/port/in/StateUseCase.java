package dev.memkit.core.port.in;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import java.util.List;
import java.util.Optional;

/**
 * Named JSON values of one namespace. Every write leaves an audit entry; a write naming an {@code
 * expectedVersion} fails with {@link dev.memkit.core.error.ConflictException} unless the entry has
 * that version (0 meaning "must not exist yet").
 */
public interface StateUseCase {
  /** The entry {@code key}, if set. */
  Optional<StateEntry> get(StateKey key);

  /**
   * Sets the command's key to its value; returns the entry with its new version.
   *
   * @throws dev.memkit.core.error.ValidationException when the value is over 64 KiB, or is not an
   *     object for the well-known keys {@code profile} and {@code working_memory}
   */
  StateEntry set(SetState command);

  /** Sets {@code key} to {@code value} whatever its version. */
  default StateEntry set(StateKey key, JsonValue value) {
    return set(SetState.of(key, value));
  }

  /**
   * Applies an RFC 7386 merge patch to the value of {@code key} (an absent entry counts as absent,
   * so an object patch creates an object); returns the entry with its new version.
   */
  StateEntry mergePatch(PatchState command);

  /**
   * Deletes {@code key}.
   *
   * @throws dev.memkit.core.error.NotFoundException when it is not set
   */
  void delete(DeleteState command);

  /** Entries whose key starts with {@code prefix} ({@code ""}: all), in key order. */
  List<StateEntry> list(String prefix);

  /** The user's profile document, if set. */
  default Optional<StateEntry> profile() {
    return get(StateKey.PROFILE);
  }

  /** The working-memory document, if set. */
  default Optional<StateEntry> workingMemory() {
    return get(StateKey.WORKING_MEMORY);
  }
}
