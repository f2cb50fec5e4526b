package dev.memkit.cli;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.TimeRange;
import dev.memkit.jackson.JsonText;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The HTTP exchange with one server: a request to its API with the JDK HTTP client (the API key as
 * a bearer token, the namespace as a parameter, bodies as JSON), its answer as a {@link Response}
 * on success, else a {@link RemoteFailure}.
 */
final class RemoteClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  private final String baseUrl;
  private final Optional<String> apiKey;
  private final Optional<String> namespace;
  private HttpClient client;

  /**
   * @param baseUrl the server, e.g. {@code http://localhost:8080} (a trailing slash is ignored)
   * @param apiKey sent as {@code Authorization: Bearer …} when present
   * @param namespace sent as {@code ?namespace=} when present; otherwise the key's default applies
   * @throws ValidationException when {@code baseUrl} is not an http:// or https:// URL
   */
  RemoteClient(String baseUrl, Optional<String> apiKey, Optional<String> namespace) {
    URI parsed;
    try {
      parsed = URI.create(baseUrl.strip());
    } catch (IllegalArgumentException e) {
      throw new ValidationException("url", "must be an http:// or https:// URL: '" + baseUrl + "'");
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
      throw new ValidationException("url", "must be an http:// or https:// URL: '" + baseUrl + "'");
    }
    String url = parsed.toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.apiKey = apiKey.filter(k -> !k.isBlank());
    this.namespace = namespace;
  }

  /** The server's MCP endpoint, with the namespace as a parameter when one was chosen. */
  URI mcpEndpoint() {
    return URI.create(baseUrl + "/mcp" + namespace.map(ns -> "?namespace=" + ns).orElse(""));
  }

  /** The API key sent, if any. */
  Optional<String> apiKey() {
    return apiKey;
  }

  /** New query parameters holding the namespace when one was chosen. */
  Query query() {
    Query q = new Query();
    namespace.ifPresent(ns -> q.add("namespace", ns));
    return q;
  }

  /** A {@code GET} of {@code path} without a body. */
  Response get(String path, Query query) {
    return send("GET", path, query, null, null);
  }

  /**
   * One request and its answer.
   *
   * @param body sent as JSON when not null
   * @param ifMatch the {@code If-Match} header when not null (see {@link #ifMatch})
   * @throws RemoteFailure when the server cannot be reached, answers with an error status or sends
   *     a success that is not JSON
   */
  Response send(String method, String path, Query query, JsonValue body, String ifMatch) {
    String q = query.encoded();
    URI uri = URI.create(baseUrl + path + (q.isEmpty() ? "" : "?" + q));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json, application/problem+json");
    apiKey.ifPresent(k -> request.header("Authorization", "Bearer " + k));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    if (body != null) {
      // Merge-patch routes accept application/json too; one content type keeps every route alike.
      request.header("Content-Type", "application/json");
      request.method(
          method,
          HttpRequest.BodyPublishers.ofString(JsonText.write(body), StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<byte[]> response;
    try {
      response = client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw RemoteFailure.unreachable(baseUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteFailure("interrupted while waiting for " + baseUrl, e);
    }
    int status = response.statusCode();
    byte[] bytes = response.body();
    if (status >= 200 && status < 300) {
      if (bytes == null || bytes.length == 0) {
        return new Response(status, JsonValue.NULL);
      }
      try {
        return new Response(status, JsonText.parse(bytes, "response"));
      } catch (ValidationException e) {
        throw new RemoteFailure(
            502,
            "the server at "
                + baseUrl
                + " sent an answer that is not JSON ("
                + method
                + " "
                + path
                + ")");
      }
    }
    throw RemoteFailure.ofAnswer(status, bytes, method, path);
  }

  /** Lets the HTTP client go; a later request builds a new one. */
  void close() {
    client = null;
  }

  private HttpClient client() {
    if (client == null) {
      // HTTP/1.1: one short request needs no h2c upgrade round trip.
      client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(CONNECT_TIMEOUT)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return client;
  }

  /** The {@code If-Match} header of an expected version: the version quoted, else null. */
  static String ifMatch(OptionalLong expectedVersion) {
    return expectedVersion.isPresent() ? "\"" + expectedVersion.getAsLong() + "\"" : null;
  }

  /** {@code text} percent-encoded as a query value or one path segment. */
  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An answer: its status and its JSON body ({@link JsonValue#NULL} when it had none). */
  record Response(int status, JsonValue body) {}

  /** Query parameters in order; a name may repeat. */
  static final class Query {
    private final List<String[]> pairs = new ArrayList<>();

    void add(String name, String value) {
      pairs.add(new String[] {name, value});
    }

    /** Adds the ends of {@code range} that are set, as {@code from} and {@code to}. */
    void addRange(TimeRange range) {
      range.from().ifPresent(t -> add("from", t.toString()));
      range.to().ifPresent(t -> add("to", t.toString()));
    }

    String encoded() {
      return pairs.stream()
          .map(p -> encode(p[0]) + "=" + encode(p[1]))
          .collect(Collectors.joining("&"));
    }
  }
}
