package dev.memkit.core.port.in;

import dev.memkit.core.model.Limits;
import java.util.OptionalLong;

/** The rule of a state write's expected version, shared by the state commands. */
final class StateVersions {
  private StateVersions() {}

  /** Checks {@code expectedVersion} is present and, when given, 0 (absent) or a version. */
  static void check(OptionalLong expectedVersion) {
    Limits.required(expectedVersion, "expected_version");
    expectedVersion.ifPresent(
        v ->
            Limits.require(
                v >= 0, "expected_version", "must be 0 (absent) or a version, got " + v));
  }
}
