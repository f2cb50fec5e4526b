package dev.memkit.cli;

/**
 * The command line is wrong in a way picocli's parser cannot see (options that exclude each other):
 * exit code 2.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
