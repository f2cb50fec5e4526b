package dev.memkit.http;

import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.core.model.Namespace;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Decides what a request may touch: the namespace (the key's default, or a {@code namespace}
 * parameter the key allows) and the role the route needs. Refusals are 403 problems.
 */
@Singleton
final class Access {
  private final Memkit memkit;

  Access(ServerRuntime runtime) {
    this.memkit = runtime.memkit();
  }

  Memkit memkit() {
    return memkit;
  }

  /** The authenticated caller of {@code request}. */
  Caller caller(HttpRequest<?> request) {
    return request
        .getAttribute(Caller.ATTRIBUTE, Caller.class)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.of(
                        HttpStatus.UNAUTHORIZED,
                        "send the API key as Authorization: Bearer <key>")));
  }

  /** Checks the caller's role allows {@code need}. */
  Caller require(HttpRequest<?> request, Role need) {
    Caller caller = caller(request);
    if (!caller.role().allows(need)) {
      throw new ProblemException(
          Problem.field(
              HttpStatus.FORBIDDEN,
              "role",
              "key '"
                  + caller.keyId()
                  + "' has role "
                  + caller.role().wireName()
                  + "; this needs "
                  + need.wireName()));
    }
    return caller;
  }

  /**
   * The namespace {@code requested} (or the caller's default), checked against the caller's keys.
   */
  Namespace namespace(Caller caller, String requested) {
    Namespace ns = requestedOrDefault(caller, requested);
    if (!caller.mayUse(ns)) {
      throw new ProblemException(
          Problem.field(
              HttpStatus.FORBIDDEN,
              "namespace",
              "key '" + caller.keyId() + "' may not use namespace '" + ns.value() + "'"));
    }
    return ns;
  }

  /**
   * The namespace {@code requested} when the caller may use it with role {@code need}; empty where
   * {@link #require} or {@link #namespace} would refuse.
   *
   * @throws dev.memkit.core.error.ValidationException when {@code requested} is not a valid name
   */
  static Optional<Namespace> permitted(Caller caller, String requested, Role need) {
    if (!caller.role().allows(need)) {
      return Optional.empty();
    }
    Namespace ns = requestedOrDefault(caller, requested);
    return caller.mayUse(ns) ? Optional.of(ns) : Optional.empty();
  }

  private static Namespace requestedOrDefault(Caller caller, String requested) {
    return requested == null || requested.isEmpty()
        ? caller.defaultNamespace()
        : Namespace.of(requested);
  }

  /** The use cases of the namespace {@code requested}, acting as the caller, if it may. */
  Space space(HttpRequest<?> request, String requested, Role need) {
    Caller caller = require(request, need);
    return memkit.space(namespace(caller, requested), caller.actor());
  }
}
