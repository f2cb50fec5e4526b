package dev.memkit.http;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, from a request's path and {@code Authorization} header: the one decision {@link
 * AuthFilter} answers with (a caller, or a 401) and {@link QuickReads} takes before it answers a
 * read itself. Every path but the public ones ({@code /health}, {@code /ready}, the OpenAPI
 * document and its UI, {@code /metrics} when {@code MEMKIT_METRICS_PUBLIC=true}) needs a key.
 */
@Singleton
final class Authentication {
  private static final Set<String> PUBLIC =
      Set.of("/", "/health", "/ready", "/openapi.json", "/openapi.yaml", "/docs", "/docs/");

  /** What the check found. */
  enum Verdict {
    /** A public path on a server with keys: no caller. */
    PUBLIC,
    /** A known key, or a server without keys (the anonymous caller). */
    CALLER,
    /** No {@code Authorization: Bearer} key was sent. */
    NO_KEY,
    /** The key sent is not one of the server's. */
    UNKNOWN_KEY
  }

  /**
   * The outcome of a check.
   *
   * @param caller present exactly when {@code verdict} is {@link Verdict#CALLER}
   */
  record Outcome(Verdict verdict, Optional<Caller> caller) {
    private static final Outcome PUBLIC_PATH = new Outcome(Verdict.PUBLIC, Optional.empty());
    private static final Outcome MISSING = new Outcome(Verdict.NO_KEY, Optional.empty());
    private static final Outcome UNKNOWN = new Outcome(Verdict.UNKNOWN_KEY, Optional.empty());
    private static final Outcome ANONYMOUS =
        new Outcome(Verdict.CALLER, Optional.of(Caller.anonymous()));

    Outcome {
      if (caller.isPresent() != (verdict == Verdict.CALLER)) {
        throw new IllegalArgumentException("a caller comes with the verdict CALLER, and only then");
      }
    }
  }

  private final Optional<KeyRing> keys;
  private final boolean metricsPublic;

  Authentication(ServerRuntime runtime) {
    this.keys = runtime.keys();
    this.metricsPublic = OpsSettings.from(runtime.settings().environment()).metricsPublic();
  }

  /**
   * Checks a request to {@code path} (decoded, without its query) that came with {@code
   * authorization} (the header's value, null when absent).
   */
  Outcome check(String path, String authorization) {
    if (keys.isEmpty()) {
      return Outcome.ANONYMOUS;
    }
    if (PUBLIC.contains(path)
        || path.startsWith("/docs/res/")
        || (metricsPublic && path.equals("/metrics"))) {
      return Outcome.PUBLIC_PATH;
    }
    Optional<String> token = bearer(authorization);
    if (token.isEmpty()) {
      return Outcome.MISSING;
    }
    return keys.get()
        .authenticate(token.get())
        .map(caller -> new Outcome(Verdict.CALLER, Optional.of(caller)))
        .orElse(Outcome.UNKNOWN);
  }

  private static Optional<String> bearer(String header) {
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
