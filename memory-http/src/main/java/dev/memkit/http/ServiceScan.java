package dev.memkit.http;

import io.micronaut.context.ApplicationContext;

/**
 * Micronaut's first context builder, created on a thread of its own while the settings are read
 * (the store then opens on another thread beside the context: {@link StoreOpening}): it finds the
 * beans and services the class path lists. In the server jar these lists are classes Micronaut AOT
 * generated at build time, and the builder loads them and starts loading the bean definitions they
 * name; without them (the module's classes alone, as in tests) it reads every {@code
 * META-INF/micronaut} service list of the class path once and keeps the result for the process,
 * which in a shaded jar (about 20,000 entries) takes 0.1–0.15 s. Either starts with the server's
 * start instead of after the settings. {@link #await()} waits for it before the context is built,
 * so the work is never done twice; if it failed, the context's own builder does it again and
 * reports what is wrong.
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
