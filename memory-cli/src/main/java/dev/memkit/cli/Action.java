package dev.memkit.cli;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.RecordJson;
import dev.memkit.jackson.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that does something: reaches the backend, prints its result as text or JSON, and
 * returns exit code 0. Failures are thrown, and {@link ExitCodes} turns them into the exit code.
 */
abstract class Action implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    run(new Printer(spec.commandLine().getOut(), cli().json()));
    return ExitCodes.OK;
  }

  /** Does the work and prints the result. */
  abstract void run(Printer out);

  MemkitCli cli() {
    return (MemkitCli) spec.root().userObject();
  }

  Backend backend() {
    return cli().backend(usesMeaning());
  }

  /**
   * Whether this command may search by meaning: only then does a local store load the embedding
   * model (the other commands stay quick; what they add is embedded at the next search).
   */
  boolean usesMeaning() {
    return false;
  }

  /**
   * {@code argument}, or all of standard input when it is {@code -} (one final line break dropped).
   */
  String textOrStdin(String argument, String field) {
    if (!"-".equals(argument)) {
      return argument;
    }
    String text = new String(readAll(cli().stdin(), field), StandardCharsets.UTF_8);
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  /** The bytes of file {@code argument}, or of standard input when it is {@code -}. */
  byte[] fileOrStdin(String argument, String field) {
    if ("-".equals(argument)) {
      return readAll(cli().stdin(), field);
    }
    try {
      return Files.readAllBytes(Path.of(argument));
    } catch (IOException | RuntimeException e) {
      throw new ValidationException(
          field,
          "cannot be read: '"
              + argument
              + "' ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")");
    }
  }

  private static byte[] readAll(InputStream in, String field) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ValidationException(field, "cannot be read from standard input: " + e.getMessage());
    }
  }

  /** {@code text} parsed as JSON, which must be an object. */
  static JsonValue.JsonObject jsonObject(String text, String field) {
    JsonValue value = JsonText.parse(text, field);
    if (value instanceof JsonValue.JsonObject o) {
      return o;
    }
    throw new ValidationException(field, "must be a JSON object, e.g. {\"name\":\"Ada\"}");
  }

  /** {@code text} as an ISO-8601 time or a date, or null when null. */
  static Instant time(String text, String field) {
    return text == null ? null : RecordJson.parseTime(text, field);
  }
}
