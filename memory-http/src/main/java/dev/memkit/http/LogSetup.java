package dev.memkit.http;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's logging, set up in code (found by logback through {@link java.util.ServiceLoader})
 * rather than read from an XML file, which takes logback several hundred milliseconds of the start
 * to parse. Standard output, written by a background thread so request threads never wait on the
 * console, in batches: the lines queued while one is written go out together in one write to the
 * console, and nothing waits in the buffer once the queue is empty (under load, one write per batch
 * instead of one per request line). Nothing is dropped and the queue is flushed when the server
 * stops; Micronaut, Netty and Hibernate Validator at {@code WARN}, the embedding model's tokenizer
 * library ({@code ai.djl}) at {@code ERROR}, the rest at {@code INFO}.
 *
 * <p>{@code -Dlogback.configurationFile=FILE} replaces all of it with the configuration in FILE.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** The line format: UTC time, level, logger, message. */
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0} - %msg%n";

  /** Called by {@link java.util.ServiceLoader}. */
  public LogSetup() {
    // configured in configure()
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    AtomicLong pending = new AtomicLong();
    BatchedConsole console = new BatchedConsole(pending);
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();
    CountingAsync async = new CountingAsync(pending);
    async.setContext(context);
    async.setName("ASYNC");
    async.setQueueSize(8192);
    async.setDiscardingThreshold(0);
    async.setMaxFlushTime(2000);
    async.addAppender(console);
    async.start();
    for (String quiet : new String[] {"io.micronaut", "io.netty", "org.hibernate.validator"}) {
      context.getLogger(quiet).setLevel(Level.WARN);
    }
    // the embedding model's tokenizer library looks for a GPU and reports unpacking at INFO
    context.getLogger("ai.djl").setLevel(Level.ERROR);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(async);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Logback's asynchronous appender, counting the events queued and not yet written. */
  static final class CountingAsync extends AsyncAppender {
    private final AtomicLong pending;

    CountingAsync(AtomicLong pending) {
      this.pending = pending;
    }

    @Override
    protected void append(ILoggingEvent event) {
      // never discarded (discarding threshold 0) and never dropped (the queue blocks when full)
      pending.incrementAndGet();
      super.append(event);
    }
  }

  /**
   * The console ({@link System#out}, as it is when written to) behind a buffer of 64 KiB: written
   * out when no event waits any more (the last of a batch) or when the buffer is full; closing it
   * flushes and leaves the console open.
   */
  static final class BatchedConsole extends OutputStreamAppender<ILoggingEvent> {
    private final AtomicLong pending;

    BatchedConsole(AtomicLong pending) {
      this.pending = pending;
      setImmediateFlush(false);
      setOutputStream(
          new BufferedOutputStream(
              new OutputStream() {
                @Override
                public void write(int b) {
                  System.out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                  System.out.write(b, off, len);
                }

                @Override
                public void flush() {
                  System.out.flush();
                }
              },
              64 * 1024));
    }

    @Override
    protected void subAppend(ILoggingEvent event) {
      super.subAppend(event);
      if (pending.decrementAndGet() <= 0) {
        streamWriteLock.lock();
        try {
          getOutputStream().flush();
        } catch (IOException e) {
          addError("cannot write to the console", e);
        } finally {
          streamWriteLock.unlock();
        }
      }
    }
  }
}
