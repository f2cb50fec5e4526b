package dev.memkit.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key request rate limits: each key id has a token bucket holding up to {@code
 * MEMKIT_RATE_BURST} requests, refilled at {@code MEMKIT_RATE_LIMIT} requests per second. Off
 * unless {@code MEMKIT_RATE_LIMIT} is set. {@link RateLimitFilter} and {@link QuickReads} take
 * their tokens from the same buckets.
 */
@Singleton
final class RateLimiter {
  private final Optional<Double> rate;
  private final int burst;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final Provider<MeterRegistry> meters;

  RateLimiter(ServerRuntime runtime, Provider<MeterRegistry> meters) {
    OpsSettings ops = OpsSettings.from(runtime.settings().environment());
    this.rate = ops.rateLimit();
    this.burst = ops.rateBurst();
    this.meters = meters;
  }

  /**
   * Takes a token for a request of key {@code keyId}: 0 when the request may go ahead (always, with
   * no limit set), else the nanoseconds until a token will be there.
   */
  long take(String keyId) {
    if (rate.isEmpty()) {
      return 0;
    }
    return bucket(keyId).take(System.nanoTime());
  }

  /**
   * Puts back the token a request of {@code keyId} took but will not use here (it goes on to the
   * route, whose filter takes one again).
   */
  void giveBack(String keyId) {
    if (rate.isPresent()) {
      bucket(keyId).giveBack();
    }
  }

  /**
   * The answer to a request of {@code keyId} over its limit, counted in {@code
   * memkit_rate_limited_total{key}}: {@code 429} with {@code Retry-After} (whole seconds until a
   * request fits again) and a problem document.
   */
  MutableHttpResponse<?> refusal(String keyId, long waitNanos) {
    long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    meters.get().counter("memkit.rate.limited", "key", keyId).increment();
    return Problem.of(
            HttpStatus.TOO_MANY_REQUESTS,
            "key '"
                + keyId
                + "' is limited to "
                + rate.orElseThrow()
                + " requests per second (bursts of "
                + burst
                + "); retry after "
                + retryAfter
                + " s")
        .response()
        .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
  }

  private TokenBucket bucket(String keyId) {
    return buckets.computeIfAbsent(keyId, id -> new TokenBucket(rate.orElseThrow(), burst));
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

    /** Returns a token taken by {@link #take} and not used. */
    synchronized void giveBack() {
      tokens = Math.min(capacity, tokens + 1);
    }
  }
}
