package dev.memkit.http;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.memkit.core.error.ConflictException;
import dev.memkit.core.error.MemoryException;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.error.ValidationException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ExceptionHandler} per exception type, each answering with a {@link Problem}: the
 * core's validation → 400, not found → 404, conflict → 409, store unavailable → 503; the HTTP
 * layer's own refusals; and Micronaut's body conversion and bean validation failures → 400.
 */
final class ProblemHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

  private ProblemHandlers() {}

  /** Input broke a rule of the core: 400 naming the field and the rule. */
  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  static final class Validation
      implements ExceptionHandler<ValidationException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, ValidationException e) {
      return Problem.field(HttpStatus.BAD_REQUEST, e.field(), e.rule()).response();
    }
  }

  /** No such record in the namespace: 404. */
  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  static final class NotFound implements ExceptionHandler<NotFoundException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, NotFoundException e) {
      return Problem.of(HttpStatus.NOT_FOUND, e.getMessage()).response();
    }
  }

  /** A compare-and-set failed: 409, with the current version as ETag when the record exists. */
  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  static final class Conflict implements ExceptionHandler<ConflictException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, ConflictException e) {
      var response = Problem.of(HttpStatus.CONFLICT, e.getMessage()).response();
      e.actualVersion().ifPresent(v -> response.header("ETag", "\"" + v + "\""));
      return response;
    }
  }

  /** The store cannot work now: 503, logged for the operator, the client told only that. */
  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  static final class Unavailable
      implements ExceptionHandler<StoreUnavailableException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, StoreUnavailableException e) {
      LOG.error(
          "store unavailable on {} {}: {}",
          request.getMethodName(),
          request.getPath(),
          e.getMessage(),
          e);
      return Problem.of(
              HttpStatus.SERVICE_UNAVAILABLE, "the store is unavailable: " + e.getMessage())
          .response();
    }
  }

  /** Any other core failure: a 500 without detail (the log has it). */
  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  static final class Other implements ExceptionHandler<MemoryException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, MemoryException e) {
      LOG.error("failed {} {}", request.getMethodName(), request.getPath(), e);
      return Problem.of(
              HttpStatus.INTERNAL_SERVER_ERROR, "the request failed; the server log says why")
          .response();
    }
  }

  /** A refusal of the HTTP layer itself (401, 403, a bad header). */
  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  static final class Refusal implements ExceptionHandler<ProblemException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, ProblemException e) {
      return e.problem().response();
    }
  }

  /**
   * A request target the server could not parse as a URI ({@code %zz}, a lone {@code %}): 400
   * naming the query parameter (or {@code path}) it is in.
   */
  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  @Replaces(io.micronaut.http.server.exceptions.URISyntaxHandler.class)
  static final class UriSyntax
      implements ExceptionHandler<java.net.URISyntaxException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, java.net.URISyntaxException e) {
      return RequestTarget.problem(e.getInput())
          .orElseGet(() -> Problem.field(HttpStatus.BAD_REQUEST, "path", "must be a valid URL"))
          .response();
    }
  }

  /** A body or parameter that could not be turned into its type: 400 naming the field. */
  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  @Replaces(io.micronaut.http.server.exceptions.ConversionErrorHandler.class)
  static final class Conversion
      implements ExceptionHandler<ConversionErrorException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, ConversionErrorException e) {
      Throwable cause = e.getConversionError().getCause();
      if (cause instanceof ValidationException v) {
        return Problem.field(HttpStatus.BAD_REQUEST, v.field(), v.rule()).response();
      }
      if (cause instanceof JsonMappingException j) {
        return jackson(j, e.getArgument().getName()).response();
      }
      return Problem.field(
              HttpStatus.BAD_REQUEST,
              e.getArgument().getName(),
              "could not be read: "
                  + (cause == null || cause.getMessage() == null
                      ? "wrong type"
                      : firstLine(cause.getMessage())))
          .response();
    }
  }

  /** A jakarta.validation constraint broken by a request: 400 listing every violation. */
  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  @Replaces(io.micronaut.validation.exceptions.ConstraintExceptionHandler.class)
  static final class Constraints
      implements ExceptionHandler<ConstraintViolationException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, ConstraintViolationException e) {
      List<Problem.FieldError> errors = new ArrayList<>();
      for (ConstraintViolation<?> v : e.getConstraintViolations()) {
        errors.add(new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()));
      }
      errors.sort(Comparator.comparing(Problem.FieldError::field));
      String detail =
          errors.isEmpty() ? "invalid request" : errors.get(0).field() + " " + errors.get(0).rule();
      return new Problem(HttpStatus.BAD_REQUEST, detail, errors).response();
    }

    /** The property path without the method and parameter names: {@code text}, {@code tags[2]}. */
    private static String field(Path path) {
      StringBuilder out = new StringBuilder();
      for (Path.Node node : path) {
        if (node.getKind() == jakarta.validation.ElementKind.METHOD
            || node.getKind() == jakarta.validation.ElementKind.PARAMETER && !out.isEmpty()) {
          continue;
        }
        if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
          out.append(node.getName());
          continue;
        }
        if (node.getName() == null) {
          continue;
        }
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(RequestValues.snake(node.getName()));
        if (node.getIndex() != null) {
          out.append('[').append(node.getIndex()).append(']');
        }
      }
      String s = out.toString();
      int dot = s.indexOf('.');
      // drop the body parameter's own name: "request.text" reads as "text"
      return dot > 0 && s.startsWith("request.") || dot > 0 && s.startsWith("body.")
          ? s.substring(dot + 1)
          : s;
    }
  }

  /** The problem of a body Jackson could not map: the JSON path of the bad member and why. */
  static Problem jackson(JsonMappingException j, String fallbackField) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : j.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    Throwable root = j;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof ValidationException v) {
      return Problem.field(
          HttpStatus.BAD_REQUEST, path.length() > 0 ? path.toString() : v.field(), v.rule());
    }
    String field = path.length() > 0 ? path.toString() : fallbackField;
    String original = firstLine(j.getOriginalMessage());
    if (original.startsWith("Trailing token")) {
      return Problem.field(
          HttpStatus.BAD_REQUEST, "body", "must be one JSON value, with nothing after it");
    }
    String expected = j instanceof MismatchedInputException m ? expected(m.getTargetType()) : null;
    return Problem.field(
        HttpStatus.BAD_REQUEST,
        field,
        expected != null
            ? "must be " + expected
            : "has the wrong type or form: " + plain(original));
  }

  /** The JSON kind a Java type is read from, e.g. "a string"; null when unknown. */
  private static String expected(Class<?> type) {
    if (type == null) {
      return null;
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
      return "a whole number";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type.isRecord()) {
      return "a JSON object";
    }
    return null;
  }

  /** A Jackson message in JSON's words: no Java type names, no hints about Jackson's settings. */
  static String plain(String message) {
    String s = message;
    int hint = s.indexOf(" (but ");
    if (hint > 0) {
      s = s.substring(0, hint);
    }
    return s.replace("`java.lang.String`", "a string")
        .replace("`java.lang.Long`", "a whole number")
        .replace("`java.lang.Integer`", "a whole number")
        .replace("`long`", "a whole number")
        .replace("`int`", "a whole number")
        .replace("`java.util.List<java.lang.String>`", "an array of strings")
        .replaceAll("`dev\\.memkit\\.http\\.Requests\\$(\\w+)`", "a JSON object ($1)")
        .replaceAll("`[a-z]+(\\.[A-Za-z$]+)+`", "the expected type");
  }

  static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int cut = message.indexOf('\n');
    String s = cut >= 0 ? message.substring(0, cut) : message;
    int source = s.indexOf(" at [Source");
    return source >= 0 ? s.substring(0, source) : s;
  }
}
