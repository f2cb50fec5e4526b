package dev.memkit.http;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Per-key request rate limits ({@link RateLimiter}): a request finding its key's bucket empty is
 * answered {@code 429} with {@code Retry-After} and a problem document, and counted in {@code
 * memkit_rate_limited_total{key}}. Off unless {@code MEMKIT_RATE_LIMIT} is set.
 *
 * <p>Runs right after {@link AuthFilter}, which names the caller; requests without a caller (the
 * public routes) are never limited.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class RateLimitFilter implements HttpServerFilter {
  private final RateLimiter limiter;
  private final RequestMeter requests;

  RateLimitFilter(RateLimiter limiter, RequestMeter requests) {
    this.limiter = limiter;
    this.requests = requests;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    Optional<Caller> caller = request.getAttribute(Caller.ATTRIBUTE, Caller.class);
    if (caller.isEmpty()) {
      return chain.proceed(request);
    }
    long start = System.nanoTime();
    String keyId = caller.get().keyId();
    long waitNanos = limiter.take(keyId);
    if (waitNanos == 0) {
      return chain.proceed(request);
    }
    RequestLog.write(request.getMethodName(), request.getPath(), 429, 0, keyId);
    requests.refused(request.getMethodName(), 429, start);
    return Publishers.just(limiter.refusal(keyId, waitNanos));
  }
}
