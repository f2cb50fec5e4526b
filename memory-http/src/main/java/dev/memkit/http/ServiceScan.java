package dev.memkit.http;

import io.micronaut.context.ApplicationContext;

/**
 * Micronaut's scan of the server jar for the beans and services it lists, started on a thread of
 * its own while the store opens. A context builder reads every {@code META-INF/micronaut} service
 * list of the class path once and keeps the result for the process; in the shaded jar (about 20,000
 * entries) that read takes 0.1–0.15 s, which then runs beside the store's opening instead of after
 * it. {@link #await()} waits for it before the context is built, so the scan is never done twice;
 * if it failed, the context's own builder does it again and reports what is wrong.
 */
final class ServiceScan {
  private final Thread thread;

  private ServiceScan(Thread thread) {
    this.thread = thread;
  }

  /** Starts the scan on a daemon thread. */
  static ServiceScan start() {
    Thread thread = new Thread(ServiceScan::scan, "memkit-service-scan");
    thread.setDaemon(true);
    thread.start();
    return new ServiceScan(thread);
  }

  /** Waits until the scan is over (at most 10 s; the builder scans again if it is not). */
  void await() {
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void scan() {
    try {
      ApplicationContext.builder();
    } catch (RuntimeException | LinkageError e) {
      // the context's own builder scans again on the starting thread and reports the failure
    }
  }
}
