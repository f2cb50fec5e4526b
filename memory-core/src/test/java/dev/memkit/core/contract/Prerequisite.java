package dev.memkit.core.contract;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a PostgreSQL, root, a built image): where it is missing the
 * test is skipped with the reason, except under {@code CI=true}, where every test must run and a
 * missing prerequisite fails it.
 */
public final class Prerequisite {
  private Prerequisite() {}

  /** Whether this is a CI run ({@code CI=true}), where nothing may be skipped. */
  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips the calling test with {@code reason}, or fails it under {@code CI=true}. */
  public static void missing(String reason) {
    if (underCi()) {
      Assertions.fail(reason + " (CI=true: a missing prerequisite fails the build)");
    }
    Assumptions.abort(reason);
  }

  /** {@link #missing} with {@code reason} unless {@code met}. */
  public static void require(boolean met, String reason) {
    if (!met) {
      missing(reason);
    }
  }
}
