package dev.memkit.http;

import io.micronaut.context.ApplicationContext;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time work of the server's first request, done on a thread of its own while the server
 * starts, so that the first request does not wait for it: the per-request flight-recorder event of
 * Micronaut's HTTP/1 handler, whose class's initialisation sets up the JDK Flight Recorder's
 * metadata (about 0.1 s, and its classes cannot come from the class-data archive); Reactor's core,
 * which Micronaut's filter chain runs on; and, once the context is built, the validator (Hibernate
 * Validator's bootstrap) the routes' validation asks for at their first call.
 *
 * <p>Nothing here is needed for correctness: each step that fails is skipped (logged at {@code
 * DEBUG}) and the first request then does it, reporting any failure as before.
 */
final class FirstRequestWork {
  private static final Logger LOG = LoggerFactory.getLogger(FirstRequestWork.class);

  /** Classes whose initialisation the first request would otherwise wait for. */
  private static final String[] CLASSES = {
    "io.micronaut.http.server.netty.handler.Http1RequestEvent",
    "reactor.core.publisher.Flux",
    "reactor.core.publisher.Mono",
  };

  private final CompletableFuture<ApplicationContext> context = new CompletableFuture<>();

  private FirstRequestWork() {}

  /**
   * Starts the work that needs no context on a daemon thread; the rest waits for {@link #ready}.
   */
  static FirstRequestWork start() {
    FirstRequestWork work = new FirstRequestWork();
    Thread thread = new Thread(work::run, "memkit-first-request-work");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return work;
  }

  /** Hands over the started context, for the validator. */
  void ready(ApplicationContext started) {
    context.complete(started);
  }

  /** Tells the thread the start failed: it ends without the context's part. */
  void abandon() {
    context.complete(null);
  }

  private void run() {
    ClassLoader loader = FirstRequestWork.class.getClassLoader();
    for (String name : CLASSES) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        LOG.debug("not initialised ahead of the first request: {}", name, e);
      }
    }
    ApplicationContext started = context.join();
    if (started == null) {
      return;
    }
    try {
      started.getBean(io.micronaut.validation.validator.Validator.class).validate(this);
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("the validator was not created ahead of the first request", e);
    }
  }
}
