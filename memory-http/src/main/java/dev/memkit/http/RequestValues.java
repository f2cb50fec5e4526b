package dev.memkit.http;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.Tag;
import dev.memkit.core.model.TimeRange;
import dev.memkit.core.port.in.SearchMode;
import io.micronaut.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns request values into the core's values, naming the request's field when one is wrong. */
final class RequestValues {
  private static final Pattern ETAG = Pattern.compile("(?:W/)?\"?([0-9]{1,18})\"?");

  private RequestValues() {}

  /** The tags of {@code raw} (null: none); a bad one is reported as {@code field[i]}. */
  static List<Tag> tags(List<String> raw, String field) {
    return raw == null ? List.of() : Tag.ofAll(raw, field);
  }

  static Optional<Instant> time(String raw, String field) {
    return raw == null ? Optional.empty() : Optional.of(RecordJson.parseTime(raw, field));
  }

  static Optional<Kind> kind(String raw) {
    return raw == null ? Optional.empty() : Optional.of(Kind.of(raw));
  }

  /** {@code value} as an object; absent or null is {@code orElse}. */
  static Optional<JsonValue.JsonObject> object(JsonValue value, String field) {
    if (value == null || value instanceof JsonValue.JsonNull) {
      return Optional.empty();
    }
    if (value instanceof JsonValue.JsonObject o) {
      return Optional.of(o);
    }
    throw new ValidationException(field, "must be a JSON object");
  }

  /** The search mode named by the {@code mode} query parameter; empty for the default. */
  static Optional<SearchMode> mode(String mode) {
    return mode == null || mode.isBlank() ? Optional.empty() : Optional.of(SearchMode.of(mode));
  }

  /** The filter of the list and search routes' query parameters. */
  static MemoryFilter filter(List<String> tags, String kind, String from, String to) {
    TimeRange range = new TimeRange(time(from, "from"), time(to, "to"));
    return new MemoryFilter(tags(tags, "tag"), kind(kind), range);
  }

  /** A page size: absent is {@code fallback}. */
  static int limit(Integer limit, int fallback) {
    return limit == null ? fallback : limit;
  }

  /**
   * The version an {@code If-Match} header names ({@code "3"}; {@code "0"}: must not exist), if
   * any.
   */
  static OptionalLong ifMatch(HttpRequest<?> request) {
    String header = request.getHeaders().get("If-Match");
    if (header == null || header.isBlank()) {
      return OptionalLong.empty();
    }
    Matcher m = ETAG.matcher(header.trim());
    if (!m.matches()) {
      throw new ValidationException(
          "If-Match",
          "must be a version in quotes, as an ETag gives it, e.g. \"3\" (\"0\": must not exist yet)");
    }
    return OptionalLong.of(Long.parseLong(m.group(1)));
  }

  /**
   * A request body's property as its JSON field is named: {@code occurredAt} → {@code occurred_at}.
   */
  static String snake(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
