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
import org.reactivestreams.Publisher;
import org.slf4j.Logger;

/**
 * Authenticates every request but the public ones ({@code /health}, {@code /ready}, the OpenAPI
 * document and its UI) by its {@code Authorization: Bearer} key ({@link Authentication}), and
 * writes one log line per request ({@link RequestLog}): method, path, status, milliseconds, key id.
 * The key itself is never logged nor echoed.
 *
 * <p>First of all it checks the request target ({@link RequestTarget}): a malformed one is a 400
 * naming the bad parameter, whatever key came with it. A target so broken that the server cannot
 * even parse it reaches this filter as {@code /}, with its error pending; {@code /} has no route,
 * so it passes unauthenticated and the error becomes a 400 in {@link ProblemHandlers.UriSyntax}.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class AuthFilter implements HttpServerFilter {
  /** The logger of the request log. */
  static final Logger REQUESTS = RequestLog.LOGGER;

  private final Authentication authentication;
  private final RequestMeter requests;

  AuthFilter(Authentication authentication, RequestMeter requests) {
    this.authentication = authentication;
    this.requests = requests;
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
      return refuse(request, badTarget.get(), start, "(malformed target)");
    }
    String path = request.getPath();
    Authentication.Outcome outcome =
        authentication.check(path, request.getHeaders().get(HttpHeaders.AUTHORIZATION));
    switch (outcome.verdict()) {
      case NO_KEY:
        return refuse(
            request,
            Problem.of(HttpStatus.UNAUTHORIZED, "send the API key as Authorization: Bearer <key>"),
            start,
            path);
      case UNKNOWN_KEY:
        return refuse(
            request, Problem.of(HttpStatus.UNAUTHORIZED, "the API key is not valid"), start, path);
      case CALLER:
        Caller caller = outcome.caller().orElseThrow();
        request.setAttribute(Caller.ATTRIBUTE, caller);
        return log(request, chain.proceed(request), start, caller.keyId(), path);
      default:
        return log(request, chain.proceed(request), start, "-", path);
    }
  }

  /** Answers {@code problem} without going on, counted as a refusal ({@link RequestMeter}). */
  private Publisher<MutableHttpResponse<?>> refuse(
      HttpRequest<?> request, Problem problem, long start, String path) {
    MutableHttpResponse<?> response = problem.response();
    requests.refused(request.getMethodName(), response.getStatus().getCode(), start);
    return log(request, Publishers.just(response), start, "-", path);
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
          RequestLog.write(
              request.getMethodName(),
              path,
              response.getStatus().getCode(),
              (System.nanoTime() - start) / 1_000_000,
              keyId);
          return response;
        });
  }
}
