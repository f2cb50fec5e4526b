package dev.memkit.cli;

import static dev.memkit.cli.RemoteAnswers.items;
import static dev.memkit.cli.RemoteAnswers.object;
import static dev.memkit.cli.RemoteClient.ifMatch;

import dev.memkit.cli.Backend.Document;
import dev.memkit.cli.RemoteClient.Query;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.DeleteState;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.SetState;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@link RemoteBackend}'s state calls: {@code /v1/state} and the well-known documents' routes, an
 * expected version sent as {@code If-Match}.
 */
final class RemoteState {
  private final RemoteClient http;

  RemoteState(RemoteClient http) {
    this.http = http;
  }

  JsonObject get(StateKey key) {
    return object(http.get("/v1/state/" + key.value(), http.query()));
  }

  JsonObject set(SetState command) {
    JsonObject body = JsonValue.objectBuilder().put("value", command.value()).build();
    return object(
        http.send(
            "PUT",
            "/v1/state/" + command.key().value(),
            http.query(),
            body,
            ifMatch(command.expectedVersion())));
  }

  JsonObject patch(PatchState command) {
    return object(
        http.send(
            "PATCH",
            "/v1/state/" + command.key().value(),
            http.query(),
            command.patch(),
            ifMatch(command.expectedVersion())));
  }

  void delete(DeleteState command) {
    http.send(
        "DELETE",
        "/v1/state/" + command.key().value(),
        http.query(),
        null,
        ifMatch(command.expectedVersion()));
  }

  List<JsonObject> list(String prefix) {
    Query q = http.query();
    if (!prefix.isEmpty()) {
      q.add("prefix", prefix);
    }
    return items(http.get("/v1/state", q));
  }

  JsonObject document(Document document) {
    return object(http.get(document.path(), http.query()));
  }

  JsonObject documentPatch(Document document, JsonObject patch, OptionalLong expectedVersion) {
    return object(
        http.send("PATCH", document.path(), http.query(), patch, ifMatch(expectedVersion)));
  }
}
