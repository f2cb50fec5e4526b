package dev.memkit.http;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The server's console log: request threads hand their events to one writer thread, which formats
 * them and writes them to standard output in batches — one write per batch, not per line.
 *
 * <p>Cheap for the request threads, which matters at tens of thousands of requests a second (one
 * request log line each): handing an event over is adding it to a queue; the writer is woken only
 * when it sleeps because nothing came for a while, not for every event (logback's {@code
 * AsyncAppender} wakes its worker for every event it finds waiting, about a third of a quick read's
 * CPU). Under load the writer writes what came, then waits {@value #BATCH_WAIT_MICROS} µs for more.
 *
 * <p>Nothing is dropped: when {@value #CAPACITY} events wait (the console is slower than the
 * requests), request threads wait for room. Stopping writes out every event still waiting. A line
 * reaches the console at most about {@value #BATCH_WAIT_MICROS} µs after its batch began.
 */
final class ConsoleLog extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** How many events may wait before request threads wait for room. */
  static final int CAPACITY = 8192;

  /** How long the writer waits for more events after writing a batch. */
  static final long BATCH_WAIT_MICROS = 2_000;

  private final ConcurrentLinkedQueue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final Console console = new Console();
  private volatile boolean sleeping;
  private volatile boolean stopping;
  private Thread writer;

  /** The layout of each line. */
  void setEncoder(Encoder<ILoggingEvent> encoder) {
    console.setEncoder(encoder);
  }

  @Override
  public void start() {
    console.setContext(getContext());
    console.setName(getName() + "-console");
    console.start();
    writer = new Thread(this::write, "memkit-log-writer");
    writer.setDaemon(true);
    stopping = false;
    writer.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    while (waiting.get() >= CAPACITY && writer.isAlive()) {
      wake();
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
    }
    queue.add(event);
    waiting.incrementAndGet();
    if (sleeping) {
      wake();
    }
  }

  private void wake() {
    sleeping = false;
    LockSupport.unpark(writer);
  }

  /** The writer thread: writes what waits, in batches, until stopped. */
  private void write() {
    while (true) {
      if (writeWaiting() > 0) {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(BATCH_WAIT_MICROS));
        continue;
      }
      if (stopping) {
        return;
      }
      sleeping = true;
      // an event added before the flag was set has not woken this thread: look once more
      if (queue.isEmpty()) {
        LockSupport.park(this);
      }
      sleeping = false;
    }
  }

  /** Writes every event waiting and then flushes the console; returns how many there were. */
  private int writeWaiting() {
    int written = 0;
    ILoggingEvent event;
    while ((event = queue.poll()) != null) {
      waiting.decrementAndGet();
      console.doAppend(event);
      written++;
    }
    if (written > 0) {
      console.flush();
    }
    return written;
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    stopping = true;
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!writer.isAlive()) {
      writeWaiting(); // what came after the writer's last look
    }
    console.stop();
  }

  /**
   * Standard output ({@link System#out} as it is when written to, so a replaced one is followed)
   * behind a buffer of 64 KiB, written out by {@link #flush()} or when full; stopping flushes and
   * leaves standard output open.
   */
  private static final class Console extends OutputStreamAppender<ILoggingEvent> {
    Console() {
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

    void flush() {
      streamWriteLock.lock();
      try {
        getOutputStream().flush();
      } catch (IOException e) {
        addError("cannot write to standard output", e);
      } finally {
        streamWriteLock.unlock();
      }
    }
  }
}
