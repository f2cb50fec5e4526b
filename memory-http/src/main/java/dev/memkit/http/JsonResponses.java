package dev.memkit.http;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.Optional;

/** Responses as exact JSON bytes: the core's compact form, member order as built. */
final class JsonResponses {
  private JsonResponses() {}

  static MutableHttpResponse<String> ok(JsonValue body) {
    return json(HttpStatus.OK, body);
  }

  static MutableHttpResponse<String> json(HttpStatus status, JsonValue body) {
    return HttpResponse.<String>status(status)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(JsonWriter.compact(body));
  }

  /** {@code {"items":[...]}}. */
  static JsonValue.JsonObject items(List<? extends JsonValue> items) {
    return JsonValue.objectBuilder().put("items", JsonValue.array(items)).build();
  }

  /** {@code {"items":[...],"next_cursor":…}}. */
  static JsonValue.JsonObject page(List<? extends JsonValue> items, Optional<String> nextCursor) {
    return JsonValue.objectBuilder()
        .put("items", JsonValue.array(items))
        .putNullable("next_cursor", nextCursor.map(JsonValue::of))
        .build();
  }
}
