package dev.memkit.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.env.Environment;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * Counts in {@code http.server.requests}, the timer Micronaut's server metrics filter feeds, the
 * requests memkit refuses before that filter runs: a malformed request target ({@code 400}), no or
 * an unknown key ({@code 401}) and the rate limit ({@code 429}). They are tagged as that filter
 * tags client errors: {@code uri="UNAUTHORIZED"} for a {@code 401}, {@code uri="BAD_REQUEST"} for
 * the others, {@code exception="none"}. Nothing is recorded when the server metrics are switched
 * off.
 */
@Singleton
final class RefusalMeter {
  private static final String TIMER = "http.server.requests";

  private final Provider<MeterRegistry> meters;
  private final boolean metered;

  RefusalMeter(Provider<MeterRegistry> meters, Environment environment) {
    this.meters = meters;
    this.metered = serverMetricsOn(environment);
  }

  /**
   * Whether Micronaut's server metrics filter exists: the same switches that decide it
   * (micronaut-micrometer's web binder).
   */
  static boolean serverMetricsOn(Environment environment) {
    return environment.getProperty("micronaut.metrics.enabled", Boolean.class, true)
        && environment.getProperty("micronaut.metrics.binders.web.enabled", Boolean.class, true)
        && environment.getProperty(
            "micronaut.metrics.binders.web.server.enabled", Boolean.class, true);
  }

  /** Records a refusal of a {@code method} request with {@code status}, begun at {@code start}. */
  void record(String method, int status, long start) {
    if (!metered) {
      return;
    }
    meters
        .get()
        .timer(
            TIMER,
            "method",
            method,
            "status",
            Integer.toString(status),
            "uri",
            status == 401 ? "UNAUTHORIZED" : "BAD_REQUEST",
            "exception",
            "none")
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }
}
