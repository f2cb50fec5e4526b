package dev.memkit.cli;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.jackson.JsonText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A server answered with an error status, or could not be reached: carries the exit code the status
 * maps to (404 → 1, 400/413/415 → 3, 409 → 4, 401/403 → 6, anything else → 5). The message of an
 * error answer ({@code application/problem+json}) is the problem's detail.
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

  /** The failure of an error answer, its message read from the problem it carries. */
  static RemoteFailure ofAnswer(int status, byte[] body, String method, String path) {
    return new RemoteFailure(status, problem(status, body, method, path));
  }

  /** The failure of a request that got no answer from {@code baseUrl}. */
  static RemoteFailure unreachable(String baseUrl, IOException e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    String described = message == null || message.isBlank() ? kind : kind + " " + message;
    return new RemoteFailure("cannot reach " + baseUrl + ": " + described, e);
  }

  /** The message of an error answer: the problem's detail and failing fields, else its status. */
  static String problem(int status, byte[] bytes, String method, String path) {
    String fallback = "the server answered " + status + " to " + method + " " + path;
    if (bytes == null || bytes.length == 0) {
      return fallback;
    }
    JsonValue json;
    try {
      json = JsonText.parse(bytes, "problem");
    } catch (ValidationException e) {
      return fallback;
    }
    if (!(json instanceof JsonObject problem)) {
      return fallback;
    }
    StringBuilder message = new StringBuilder();
    message.append(problem.string("detail").or(() -> problem.string("title")).orElse(fallback));
    problem
        .get("errors")
        .filter(JsonValue.JsonArray.class::isInstance)
        .ifPresent(
            errors -> {
              List<String> fields = new ArrayList<>();
              for (JsonValue e : ((JsonValue.JsonArray) errors).values()) {
                if (e instanceof JsonObject o) {
                  String field = o.string("field").orElse("");
                  String rule = o.string("rule").orElse(o.string("message").orElse(""));
                  String item = (field + " " + rule).strip();
                  if (!item.isEmpty() && message.indexOf(item) < 0) {
                    fields.add(item);
                  }
                }
              }
              if (!fields.isEmpty()) {
                message.append(" (").append(String.join("; ", fields)).append(')');
              }
            });
    if (status == 401 || status == 403) {
      return "not authorised: " + message;
    }
    return message.toString();
  }
}
