package dev.memkit.cli;

import dev.memkit.cli.Backend.Page;
import dev.memkit.cli.RemoteClient.Response;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's answers read as what {@link Backend} returns: a record's JSON object, a list, or a
 * page. An answer of another shape is a {@link RemoteFailure} with status 502.
 */
final class RemoteAnswers {
  private RemoteAnswers() {}

  /** The answer's JSON object. */
  static JsonObject object(Response response) {
    if (response.body() instanceof JsonObject o) {
      return o;
    }
    throw new RemoteFailure(
        502,
        "the server sent "
            + (response.body() instanceof JsonValue.JsonNull ? "no body" : "a non-object")
            + " where a JSON object was expected");
  }

  /** The {@code items} of a list answer. */
  static List<JsonObject> items(Response response) {
    return page(response).items();
  }

  /**
   * A list answer {@code {"items":[…],"next_cursor":…}} as a page; an item that is not an object
   * becomes {@code {"value":item}}.
   */
  static Page page(Response response) {
    JsonObject body = object(response);
    JsonValue items = body.get("items").orElse(null);
    if (!(items instanceof JsonValue.JsonArray array)) {
      throw new RemoteFailure(502, "the server sent a list without \"items\"");
    }
    List<JsonObject> out = new ArrayList<>();
    for (JsonValue v : array.values()) {
      if (v instanceof JsonObject o) {
        out.add(o);
      } else {
        out.add(JsonValue.objectBuilder().put("value", v).build());
      }
    }
    return new Page(out, body.get("next_cursor").orElse(JsonValue.NULL));
  }
}
