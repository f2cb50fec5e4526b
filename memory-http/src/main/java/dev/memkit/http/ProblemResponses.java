package dev.memkit.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns every error Micronaut answers by itself (no route 404, 405, 413 body too large, 415 wrong
 * content type, malformed JSON, a missing or unconvertible parameter, an unexpected failure) into a
 * {@link Problem}. A 5xx never carries the failure's message: the server log has it.
 */
@Singleton
@Primary
final class ProblemResponses implements ErrorResponseProcessor<String> {
  private final long maxBody;

  ProblemResponses(ServerRuntime runtime) {
    this.maxBody = runtime.settings().maxBody();
  }

  @Override
  public MutableHttpResponse<String> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    Problem problem;
    if (status.getCode() >= 500) {
      problem = Problem.of(status, "the request failed; the server log says why");
    } else {
      List<Problem.FieldError> errors = new ArrayList<>();
      String detail = null;
      for (Error e : context.getErrors()) {
        String message = ProblemHandlers.firstLine(e.getMessage());
        if (detail == null) {
          detail = message;
        }
        e.getPath()
            .ifPresent(
                p ->
                    errors.add(
                        new Problem.FieldError(p.startsWith("/") ? p.substring(1) : p, message)));
      }
      detail = detail == null ? status.getReason() : detail;
      if (status.getCode() == 413) {
        detail = "the body is larger than the limit of " + maxBody + " bytes";
      }
      if (errors.isEmpty()) {
        // name what was wrong even when Micronaut did not: the body, its size, its type
        switch (status.getCode()) {
          case 400 -> errors.add(new Problem.FieldError("body", detail));
          case 413 ->
              errors.add(
                  new Problem.FieldError(
                      "body", "must be at most " + maxBody + " bytes (MEMKIT_MAX_BODY)"));
          case 415 ->
              errors.add(
                  new Problem.FieldError(
                      "Content-Type", "must be application/json (" + detail + ")"));
          default -> {}
        }
      }
      problem = new Problem(status, detail, errors);
    }
    MutableHttpResponse<String> out = problem.response();
    @SuppressWarnings("unchecked")
    MutableHttpResponse<String> same = (MutableHttpResponse<String>) response;
    same.contentType(Problem.MEDIA_TYPE).body(out.body());
    out.getHeaders()
        .forEach(
            (name, values) -> {
              if (name.equalsIgnoreCase("WWW-Authenticate")) {
                values.forEach(v -> same.header(name, v));
              }
            });
    return same;
  }
}
