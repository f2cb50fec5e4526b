package dev.memkit.http;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.util.Optional;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every request but the public ones ({@code /health}, {@code /ready}, the OpenAPI
 * document and its UI) by its {@code Authorization: Bearer} key, and writes one log line per
 * request: method, path, status, milliseconds, key id. The key itself is never logged nor echoed.
 *
 * <p>First of all it checks the request target ({@link RequestTarget}): a malformed one is a 400
 * naming the bad parameter, whatever key came with it. A target so broken that the server cannot
 * even parse it reaches this filter as {@code /}, with its error pending; {@code /} has no route,
 * so it passes unauthenticated and the error becomes a 400 in {@link ProblemHandlers.UriSyntax}.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class AuthFilter implements HttpServerFilter {
  /** The logger of the request log. */
  static final Logger REQUESTS = LoggerFactory.getLogger("dev.memkit.http.requests");

  private static final Set<String> PUBLIC =
      Set.of("/", "/health", "/ready", "/openapi.json", "/openapi.yaml", "/docs", "/docs/");

  private final Optional<KeyRing> keys;
  private final boolean metricsPublic;

  AuthFilter(ServerRuntime runtime) {
    this.keys = runtime.keys();
    this.metricsPublic = OpsSettings.from(runtime.settings().environment()).metricsPublic();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    long start = System.nanoTime();
    Optional<Problem> badTarget = RequestTarget.problem(request);
    if (badTarget.isPresent()) {
      return log(
          request, Publishers.just(badTarget.get().response()), start, "-", "(malformed target)");
    }
    String path = request.getPath();
    Caller caller = null;
    Publisher<MutableHttpResponse<?>> result;
    if (keys.isEmpty()) {
      caller = Caller.anonymous();
    } else if (!PUBLIC.contains(path)
        && !path.startsWith("/docs/res/")
        && !(metricsPublic && path.equals("/metrics"))) {
      Optional<String> token = bearer(request);
      if (token.isEmpty()) {
        result =
            Publishers.just(
                Problem.of(
                        HttpStatus.UNAUTHORIZED, "send the API key as Authorization: Bearer <key>")
                    .response());
        return log(request, result, start, "-", path);
      }
      caller = keys.get().authenticate(token.get()).orElse(null);
      if (caller == null) {
        result =
            Publishers.just(
                Problem.of(HttpStatus.UNAUTHORIZED, "the API key is not valid").response());
        return log(request, result, start, "-", path);
      }
    }
    if (caller != null) {
      request.setAttribute(Caller.ATTRIBUTE, caller);
    }
    return log(request, chain.proceed(request), start, caller == null ? "-" : caller.keyId(), path);
  }

  private static Publisher<MutableHttpResponse<?>> log(
      HttpRequest<?> request,
      Publisher<MutableHttpResponse<?>> responses,
      long start,
      String keyId,
      String path) {
    return Publishers.map(
        responses,
        response -> {
          if (REQUESTS.isInfoEnabled()) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            REQUESTS.info(
                "{} {} {} {}ms key={}",
                request.getMethodName(),
                Problem.clip(path),
                response.getStatus().getCode(),
                ms,
                keyId);
          }
          return response;
        });
  }

  private static Optional<String> bearer(HttpRequest<?> request) {
    String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
