package dev.memkit.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.env.Environment;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * The {@code http.server.requests} timer that Micronaut's server metrics filter feeds, for the
 * requests memkit answers where that filter does not see them: the quick reads of the fast path
 * ({@link QuickReads}), and the refusals before a route — a malformed request target ({@code 400}),
 * no or an unknown key ({@code 401}), the rate limit ({@code 429}). Refusals are tagged as that
 * filter tags client errors: {@code uri="UNAUTHORIZED"} for a {@code 401}, {@code
 * uri="BAD_REQUEST"} for the others, {@code exception="none"}. Nothing is recorded when the server
 * metrics are switched off.
 */
@Singleton
final class RequestMeter {
  private static final String TIMER = "http.server.requests";

  private final Provider<MeterRegistry> meters;
  private final boolean enabled;

  RequestMeter(Provider<MeterRegistry> meters, Environment environment) {
    this.meters = meters;
    // the same switches that decide whether Micronaut's server metrics filter exists
    this.enabled =
        environment.getProperty("micronaut.metrics.enabled", Boolean.class, true)
            && environment.getProperty("micronaut.metrics.binders.web.enabled", Boolean.class, true)
            && environment.getProperty(
                "micronaut.metrics.binders.web.server.enabled", Boolean.class, true);
  }

  /** Whether the server's request metrics are on: when false, {@link #timer} must not be used. */
  boolean enabled() {
    return enabled;
  }

  /** The timer of {@code method} requests to the route {@code uri} answered with {@code status}. */
  Timer timer(String method, int status, String uri) {
    return meters
        .get()
        .timer(
            TIMER,
            "method",
            method,
            "status",
            Integer.toString(status),
            "uri",
            uri,
            "exception",
            "none");
  }

  /** Records a refusal of a {@code method} request with {@code status}, begun at {@code start}. */
  void refused(String method, int status, long start) {
    if (enabled) {
      timer(method, status, status == 401 ? "UNAUTHORIZED" : "BAD_REQUEST")
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }
}
