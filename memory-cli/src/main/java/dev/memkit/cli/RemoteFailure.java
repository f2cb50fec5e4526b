package dev.memkit.cli;

/**
 * A server answered with an error status, or could not be reached: carries the exit code the status
 * maps to (404 → 1, 400/413/415 → 3, 409 → 4, 401/403 → 6, anything else → 5).
 */
final class RemoteFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int exitCode;

  RemoteFailure(int status, String message) {
    super(message);
    this.status = status;
    this.exitCode = exitCodeOf(status);
  }

  RemoteFailure(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.exitCode = ExitCodes.STORE_OR_SERVER;
  }

  /** The HTTP status, 0 when no answer came. */
  int status() {
    return status;
  }

  int exitCode() {
    return exitCode;
  }

  static int exitCodeOf(int status) {
    return switch (status) {
      case 404 -> ExitCodes.NOT_FOUND;
      case 400, 413, 415, 422 -> ExitCodes.INVALID_INPUT;
      case 409, 412 -> ExitCodes.CONFLICT;
      case 401, 403 -> ExitCodes.NOT_AUTHORISED;
      default -> ExitCodes.STORE_OR_SERVER;
    };
  }
}
