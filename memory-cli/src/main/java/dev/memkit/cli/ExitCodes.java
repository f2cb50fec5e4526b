package dev.memkit.cli;

import dev.memkit.core.error.ConflictException;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.ValidationException;
import picocli.CommandLine;

/** The exit codes of {@code memkit}, and the one place a failure is turned into one. */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
  /** Success. */
  static final int OK = 0;

  /** The record asked for does not exist. */
  static final int NOT_FOUND = 1;

  /** The command line itself is wrong: unknown command or option, missing argument. */
  static final int USAGE = 2;

  /** Input broke a rule (a tag, a key, a JSON value, a limit); nothing was changed. */
  static final int INVALID_INPUT = 3;

  /** A version conflict (compare-and-set). */
  static final int CONFLICT = 4;

  /** The store or the server failed, or could not be reached. */
  static final int STORE_OR_SERVER = 5;

  /** The server refused the API key. */
  static final int NOT_AUTHORISED = 6;

  /** The lines of the {@code Exit codes:} section of every command's help. */
  static final String[] HELP = {
    "0:ok",
    "1:not found",
    "2:usage error",
    "3:invalid input (nothing was changed)",
    "4:conflict (version mismatch)",
    "5:store or server error",
    "6:not authorised (remote mode)",
  };

  @Override
  public int getExitCode(Throwable exception) {
    return of(exception);
  }

  /** The exit code of {@code failure}. */
  static int of(Throwable failure) {
    if (failure instanceof CommandLine.ParameterException || failure instanceof UsageException) {
      return USAGE;
    }
    if (failure instanceof NotFoundException) {
      return NOT_FOUND;
    }
    if (failure instanceof ValidationException) {
      return INVALID_INPUT;
    }
    if (failure instanceof ConflictException) {
      return CONFLICT;
    }
    if (failure instanceof RemoteFailure remote) {
      return remote.exitCode();
    }
    return STORE_OR_SERVER;
  }

  /** The one-line message of {@code failure}, for stderr. */
  static String message(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      message = failure.getClass().getSimpleName();
    } else if (!(failure instanceof dev.memkit.core.error.MemoryException
        || failure instanceof RemoteFailure
        || failure instanceof CommandLine.ParameterException
        || failure instanceof UsageException)) {
      message = failure.getClass().getSimpleName() + ": " + message;
    }
    return oneLine(message);
  }

  static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  private ExitCodes() {}

  /** The mapper picocli uses. */
  static ExitCodes mapper() {
    return new ExitCodes();
  }
}
