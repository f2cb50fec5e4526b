package dev.memkit.http;

/** Stops a request with a problem the HTTP layer decides on itself (403, 401, 400 of a header). */
final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Problem problem;

  ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }
}
