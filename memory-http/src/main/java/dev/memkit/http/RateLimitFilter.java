package dev.memkit.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import jakarta.inject.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;

/**
 * Per-key request rate limits: each key id has a token bucket holding up to {@code
 * MEMKIT_RATE_BURST} requests, refilled at {@code MEMKIT_RATE_LIMIT} requests per second. A request
 * finding the bucket empty is answered {@code 429} with {@code Retry-After} (whole seconds until a
 * request fits again) and a problem document, and counted in {@code
 * memkit_rate_limited_total{key}}. Off unless {@code MEMKIT_RATE_LIMIT} is set.
 *
 * <p>Runs right after {@link AuthFilter}, which names the caller; requests without a caller (the
 * public routes) are never limited.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class RateLimitFilter implements HttpServerFilter {
  private final Optional<Double> rate;
  private final int burst;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final Provider<MeterRegistry> meters;

  RateLimitFilter(ServerRuntime runtime, Provider<MeterRegistry> meters) {
    OpsSettings ops = OpsSettings.from(runtime.settings().environment());
    this.rate = ops.rateLimit();
    this.burst = ops.rateBurst();
    this.meters = meters;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (rate.isEmpty()) {
      return chain.proceed(request);
    }
    Optional<Caller> caller = request.getAttribute(Caller.ATTRIBUTE, Caller.class);
    if (caller.isEmpty()) {
      return chain.proceed(request);
    }
    String keyId = caller.get().keyId();
    TokenBucket bucket = buckets.computeIfAbsent(keyId, id -> new TokenBucket(rate.get(), burst));
    long waitNanos = bucket.take(System.nanoTime());
    if (waitNanos == 0) {
      return chain.proceed(request);
    }
    long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    meters.get().counter("memkit.rate.limited", "key", keyId).increment();
    MutableHttpResponse<?> response =
        Problem.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "key '"
                    + keyId
                    + "' is limited to "
                    + rate.get()
                    + " requests per second (bursts of "
                    + burst
                    + "); retry after "
                    + retryAfter
                    + " s")
            .response()
            .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    AuthFilter.REQUESTS.info(
        "{} {} 429 0ms key={}", request.getMethodName(), Problem.clip(request.getPath()), keyId);
    return Publishers.just(response);
  }

  /**
   * A token bucket: {@code capacity} tokens, refilled continuously at {@code perSecond}; each
   * request takes one.
   */
  static final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last = Long.MIN_VALUE;

    TokenBucket(double perSecond, int capacity) {
      this.perNano = perSecond / 1e9;
      this.capacity = capacity;
      this.tokens = capacity;
    }

    /**
     * Takes a token at time {@code now} (nanoseconds): 0 when one was there, else the nanoseconds
     * until one will be.
     */
    synchronized long take(long now) {
      if (last != Long.MIN_VALUE && now > last) {
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
      }
      last = last == Long.MIN_VALUE ? now : Math.max(last, now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }
  }
}
