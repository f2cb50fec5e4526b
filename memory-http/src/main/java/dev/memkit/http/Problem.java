package dev.memkit.http;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 9457 problem: {@code
 * {"type":"about:blank","title":…,"status":…,"detail":…,"errors":[{"field","rule"}]}}, sent as
 * {@code application/problem+json}. Details name what was wrong, never echo a key, never carry a
 * stack trace.
 */
record Problem(HttpStatus status, String detail, List<FieldError> errors) {
  /** The media type of problems. */
  static final String MEDIA_TYPE = "application/problem+json";

  /** One broken rule. */
  record FieldError(String field, String rule) {}

  Problem {
    errors = List.copyOf(errors);
    detail = clip(detail);
  }

  static Problem of(HttpStatus status, String detail) {
    return new Problem(status, detail, List.of());
  }

  static Problem field(HttpStatus status, String field, String rule) {
    return new Problem(
        status, clip(field) + " " + clip(rule), List.of(new FieldError(clip(field), clip(rule))));
  }

  JsonValue.JsonObject json() {
    List<JsonValue> list = new ArrayList<>();
    for (FieldError e : errors) {
      list.add(JsonValue.objectBuilder().put("field", e.field()).put("rule", e.rule()).build());
    }
    return JsonValue.objectBuilder()
        .put("type", "about:blank")
        .put("title", status.getReason())
        .put("status", status.getCode())
        .put("detail", detail)
        .put("errors", JsonValue.array(list))
        .build();
  }

  /** The response carrying this problem; a 401 also says how to authenticate. */
  MutableHttpResponse<String> response() {
    MutableHttpResponse<String> response =
        HttpResponse.<String>status(status)
            .contentType(MEDIA_TYPE)
            .body(JsonWriter.compact(json()));
    if (status == HttpStatus.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"memkit\"");
    }
    return response;
  }

  /** {@code s} cut to 500 characters, control characters shown as '?'. */
  static String clip(String s) {
    if (s == null) {
      return "";
    }
    if (s.length() <= 500 && plain(s)) {
      return s;
    }
    String cut = s.length() > 500 ? s.substring(0, 500) + "…" : s;
    StringBuilder out = new StringBuilder(cut.length());
    cut.codePoints()
        .forEach(
            cp ->
                out.appendCodePoint(
                    Character.isISOControl(cp) || Character.isSurrogate((char) cp) && cp < 0x10000
                        ? '?'
                        : cp));
    return out.toString();
  }

  /** Whether {@code s} holds no control character and no surrogate: {@link #clip} keeps it. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
