package dev.memkit.mcp;

import static dev.memkit.mcp.Schema.object;
import static dev.memkit.mcp.ToolParts.DELETE;
import static dev.memkit.mcp.ToolParts.DELETED;
import static dev.memkit.mcp.ToolParts.deleted;
import static dev.memkit.mcp.ToolParts.items;
import static dev.memkit.mcp.ToolParts.itemsOf;

import dev.memkit.core.Space;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.DeleteState;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.SetState;
import dev.memkit.mcp.MemkitTool.Hints;

/** The tools over named state variables: read, set, merge into, list and delete. */
final class StateTools {
  private StateTools() {}

  static MemkitTool stateGet() {
    return new MemkitTool(
        "state_get",
        "Read a state variable",
        "Read one named state variable (any JSON value), e.g. `current_phase`, with its version. Use it for the "
            + "current value of something the agent tracks; context_get already shows every variable at once.",
        object().required("key", stateKey()).closed(),
        Schema.STATE,
        Hints.READ,
        true,
        (space, args) -> RecordJson.state(findState(space, stateKeyOf(args))));
  }

  static MemkitTool stateSet() {
    return new MemkitTool(
        "state_set",
        "Set a state variable",
        "Set a named state variable to a JSON value (string, number, object…), replacing what was there: the "
            + "current phase, a counter, a config. Pass `expected_version` (the version you read; 0 to create only) "
            + "to write only if nobody changed it since. Returns the entry with its new version.",
        object()
            .required("key", stateKey())
            .required(
                "value",
                Schema.anyValue(
                    "The new value: any JSON value of at most "
                        + Limits.STATE_VALUE_MAX_BYTES
                        + " bytes"))
            .optional("expected_version", Schema.expectedVersion())
            .closed(),
        Schema.STATE,
        Hints.OVERWRITE,
        true,
        (space, args) ->
            RecordJson.state(
                space
                    .state()
                    .set(
                        new SetState(
                            stateKeyOf(args),
                            args.value("value"),
                            args.expectedVersion("expected_version")))));
  }

  static MemkitTool stateMerge() {
    return new MemkitTool(
        "state_merge",
        "Merge into a state variable",
        "Change part of an object-valued state variable with a JSON merge patch (RFC 7386): members given are set, "
            + "members set to null are removed, others stay. Creates the variable when absent.",
        object()
            .required("key", stateKey())
            .required("patch", Schema.anyValue("The merge patch, usually an object"))
            .optional("expected_version", Schema.expectedVersion())
            .closed(),
        Schema.STATE,
        Hints.OVERWRITE,
        false,
        (space, args) ->
            RecordJson.state(
                space
                    .state()
                    .mergePatch(
                        new PatchState(
                            stateKeyOf(args),
                            args.value("patch"),
                            args.expectedVersion("expected_version")))));
  }

  static MemkitTool stateList() {
    return new MemkitTool(
        "state_list",
        "List state variables",
        "List the state variables whose key starts with `prefix` (all when absent), in key order, with values.",
        object().optional("prefix", Schema.text("Key prefix, e.g. `project.`", 128)).closed(),
        items(Schema.STATE),
        Hints.READ,
        false,
        (space, args) ->
            itemsOf(
                space.state().list(args.optionalString("prefix").orElse("")).stream()
                    .map(RecordJson::state)
                    .toList()));
  }

  static MemkitTool stateDelete() {
    return new MemkitTool(
        "state_delete",
        "Delete a state variable",
        "Delete a named state variable for good, optionally only if it still has `expected_version`.",
        object()
            .required("key", stateKey())
            .optional("expected_version", Schema.expectedVersion())
            .closed(),
        DELETED,
        DELETE,
        false,
        (space, args) -> {
          space
              .state()
              .delete(new DeleteState(stateKeyOf(args), args.expectedVersion("expected_version")));
          return deleted();
        });
  }

  private static JsonObject stateKey() {
    return Schema.stateKey(
        "The variable's name: letters, digits and _ . : - (up to 128), e.g. current_phase");
  }

  private static StateKey stateKeyOf(Args args) {
    return StateKey.of(args.string("key"));
  }

  private static StateEntry findState(Space space, StateKey key) {
    return space.state().get(key).orElseThrow(() -> new NotFoundException("state " + key.value()));
  }
}
