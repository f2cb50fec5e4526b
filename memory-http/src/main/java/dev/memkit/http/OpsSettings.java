package dev.memkit.http;

import dev.memkit.core.error.ValidationException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The operational settings of the server, read from {@code MEMKIT_*} environment variables beside
 * {@link ServerSettings}: who may read {@code /metrics}, the per-key request rate limit, and
 * whether quick reads take the fast path.
 *
 * @param metricsPublic {@code MEMKIT_METRICS_PUBLIC=true}: {@code /metrics} needs no key (default:
 *     an {@code admin} key)
 * @param rateLimit {@code MEMKIT_RATE_LIMIT}: requests per second each key may make on average;
 *     empty (the default) means no limit
 * @param rateBurst {@code MEMKIT_RATE_BURST}: requests a key may make at once after being idle;
 *     default twice the rate, at least 1
 * @param fastReads {@code MEMKIT_FAST_READS}: whether the successful quick state reads of a local
 *     store are answered right on the connection ({@link QuickReads}); default true
 */
record OpsSettings(
    boolean metricsPublic, Optional<Double> rateLimit, int rateBurst, boolean fastReads) {
  static final double MAX_RATE = 1_000_000;
  static final int MAX_BURST = 10_000_000;

  OpsSettings {
    if (rateLimit.isPresent() && !(rateLimit.get() > 0 && rateLimit.get() <= MAX_RATE)) {
      throw new ValidationException(
          "MEMKIT_RATE_LIMIT",
          "must be a number of requests per second above 0 and at most " + (long) MAX_RATE);
    }
    if (rateBurst < 1 || rateBurst > MAX_BURST) {
      throw new ValidationException(
          "MEMKIT_RATE_BURST", "must be a whole number from 1 to " + MAX_BURST);
    }
  }

  /**
   * Reads the settings from {@code env}.
   *
   * @throws ValidationException naming the variable when one is malformed
   */
  static OpsSettings from(Map<String, String> env) {
    boolean metricsPublic = flag(env, "MEMKIT_METRICS_PUBLIC");
    Optional<Double> rate =
        get(env, "MEMKIT_RATE_LIMIT")
            .filter(v -> !v.equalsIgnoreCase("off"))
            .map(
                v -> {
                  try {
                    double value = Double.parseDouble(v);
                    if (value > 0 && value <= MAX_RATE) {
                      return value;
                    }
                  } catch (NumberFormatException e) {
                    // reported below
                  }
                  throw new ValidationException(
                      "MEMKIT_RATE_LIMIT",
                      "must be a number of requests per second above 0 and at most "
                          + (long) MAX_RATE
                          + ", or off; got '"
                          + Problem.clip(v)
                          + "'");
                });
    int burst =
        get(env, "MEMKIT_RATE_BURST")
            .map(
                v -> {
                  try {
                    int value = Integer.parseInt(v);
                    if (value >= 1 && value <= MAX_BURST) {
                      return value;
                    }
                  } catch (NumberFormatException e) {
                    // reported below
                  }
                  throw new ValidationException(
                      "MEMKIT_RATE_BURST",
                      "must be a whole number from 1 to "
                          + MAX_BURST
                          + ", got '"
                          + Problem.clip(v)
                          + "'");
                })
            .orElseGet(
                () -> (int) Math.max(1, Math.min(MAX_BURST, Math.ceil(rate.orElse(0.5) * 2))));
    boolean fastReads = get(env, "MEMKIT_FAST_READS").isEmpty() || flag(env, "MEMKIT_FAST_READS");
    return new OpsSettings(metricsPublic, rate, burst, fastReads);
  }

  private static boolean flag(Map<String, String> env, String name) {
    Optional<String> raw = get(env, name);
    if (raw.isEmpty()) {
      return false;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw new ValidationException(
              name, "must be true or false, got '" + Problem.clip(raw.get()) + "'");
    };
  }

  private static Optional<String> get(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
