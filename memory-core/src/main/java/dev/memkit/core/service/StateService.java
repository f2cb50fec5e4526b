package dev.memkit.core.service;

import dev.memkit.core.error.ConflictException;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.MergePatch;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.DeleteState;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.SetState;
import dev.memkit.core.port.in.StateUseCase;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The state use cases of one namespace. */
public final class StateService implements StateUseCase {
  private final ServiceContext context;
  private final StateCache cache;

  /**
   * Serves the state of {@code context}'s namespace, giving entries kept in {@code cache} while the
   * store has not changed.
   */
  public StateService(ServiceContext context, StateCache cache) {
    this.context = context;
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public Optional<StateEntry> get(StateKey key) {
    Limits.required(key, "key");
    return cache.get(
        context.store().dataVersion(),
        context.namespace(),
        key,
        () -> context.store().read(tx -> tx.state().find(context.namespace(), key)));
  }

  @Override
  public StateEntry set(SetState command) {
    Limits.required(command, "state");
    StateKey key = command.key();
    JsonValue value = command.value();
    OptionalLong expectedVersion = command.expectedVersion();
    checkValue(key, value);
    return context
        .store()
        .write(
            tx -> {
              Optional<StateEntry> current = tx.state().find(context.namespace(), key);
              return put(tx, "state.set", key, value, current, expectedVersion);
            });
  }

  @Override
  public StateEntry mergePatch(PatchState command) {
    Limits.required(command, "patch");
    StateKey key = command.key();
    JsonValue patch = command.patch();
    OptionalLong expectedVersion = command.expectedVersion();
    Limits.json(patch, "patch", Limits.STATE_VALUE_MAX_BYTES);
    if (isWellKnown(key)) {
      Limits.require(
          patch instanceof JsonValue.JsonObject,
          "patch",
          "must be a JSON object for the well-known key " + key);
    }
    return context
        .store()
        .write(
            tx -> {
              Optional<StateEntry> current = tx.state().find(context.namespace(), key);
              JsonValue merged =
                  MergePatch.apply(current.map(StateEntry::value).orElse(null), patch);
              checkValue(key, merged);
              return put(tx, "state.patch", key, merged, current, expectedVersion);
            });
  }

  @Override
  public void delete(DeleteState command) {
    Limits.required(command, "state");
    StateKey key = command.key();
    OptionalLong expectedVersion = command.expectedVersion();
    context
        .store()
        .write(
            tx -> {
              Optional<StateEntry> current = tx.state().find(context.namespace(), key);
              checkVersion(key, expectedVersion, current);
              if (current.isEmpty()) {
                throw new NotFoundException("state key '" + key + "'");
              }
              tx.state().delete(context.namespace(), key);
              context.audit(
                  tx,
                  "state.delete",
                  target(key),
                  current.map(RecordJson::state),
                  Optional.empty());
              return null;
            });
  }

  @Override
  public List<StateEntry> list(String prefix) {
    String p = prefix == null ? "" : prefix;
    Limits.require(p.length() <= 128, "prefix", "must be at most 128 characters");
    return context.store().read(tx -> tx.state().list(context.namespace(), p));
  }

  private StateEntry put(
      dev.memkit.core.port.out.StoreTransaction tx,
      String action,
      StateKey key,
      JsonValue value,
      Optional<StateEntry> current,
      OptionalLong expectedVersion) {
    checkVersion(key, expectedVersion, current);
    long version = current.map(e -> e.version() + 1).orElse(1L);
    StateEntry next = new StateEntry(context.namespace(), key, value, version, context.now());
    tx.state().put(next);
    context.audit(
        tx,
        action,
        target(key),
        current.map(RecordJson::state),
        Optional.of(RecordJson.state(next)));
    return next;
  }

  private static void checkVersion(
      StateKey key, OptionalLong expected, Optional<StateEntry> current) {
    if (expected.isEmpty()) {
      return;
    }
    long actual = current.map(StateEntry::version).orElse(0L);
    if (actual != expected.getAsLong()) {
      throw new ConflictException(
          target(key),
          expected.getAsLong(),
          current.isPresent() ? OptionalLong.of(actual) : OptionalLong.empty());
    }
  }

  /**
   * The rules of a value about to be stored: size and depth, not null, an object for the well-known
   * keys.
   */
  private static void checkValue(StateKey key, JsonValue value) {
    Limits.json(value, "value", Limits.STATE_VALUE_MAX_BYTES);
    Limits.require(
        !(value instanceof JsonValue.JsonNull),
        "value",
        "must not be null (delete the key instead)");
    requireObjectForWellKnown(key, value, "value");
  }

  private static boolean isWellKnown(StateKey key) {
    return key.equals(StateKey.PROFILE) || key.equals(StateKey.WORKING_MEMORY);
  }

  private static void requireObjectForWellKnown(StateKey key, JsonValue value, String field) {
    if (isWellKnown(key)) {
      Limits.require(
          value instanceof JsonValue.JsonObject,
          field,
          "must be a JSON object for the well-known key " + key);
    }
  }

  static String target(StateKey key) {
    return "state:" + key.value();
  }
}
