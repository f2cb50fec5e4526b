package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The server's console log, written in batches by a background thread, loses no line, keeps each
 * thread's order, and leaves nothing waiting in its buffer once nothing more is queued.
 */
class LogSetupTest {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream console;
  private LoggerContext context;

  @BeforeEach
  void captureTheConsole() {
    console = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's SLF4J provider gives its own
    new LogSetup().configure(context);
  }

  @AfterEach
  void restoreTheConsole() {
    context.stop();
    System.setOut(console);
  }

  private String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  private List<String> lines(String marker) {
    List<String> found = new ArrayList<>();
    for (String line : text().split("\n")) {
      int at = line.indexOf(marker);
      if (at >= 0) {
        found.add(line.substring(at));
      }
    }
    return found;
  }

  @Test
  void everyLineOfManyThreadsIsWrittenOnceAndInEachThreadsOrder() throws Exception {
    Logger log = context.getLogger("dev.memkit.http.requests");
    int threads = 4;
    int each = 5_000;
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  log.info("marker-" + thread + " " + i);
                }
              });
      writer.start();
      writers.add(writer);
    }
    for (Thread writer : writers) {
      writer.join(60_000);
    }
    context.stop(); // the queue is written out and the buffer flushed
    for (int t = 0; t < threads; t++) {
      List<String> lines = lines("marker-" + t + " ");
      assertThat(lines).hasSize(each);
      for (int i = 0; i < each; i++) {
        assertThat(lines.get(i)).isEqualTo("marker-" + t + " " + i);
      }
    }
    assertThat(text()).contains(" INFO  requests - marker-0 0\n");
  }

  @Test
  void aConsoleSlowerThanTheRequestsHoldsThemBackButLosesNothing() throws Exception {
    context.stop();
    // a console that takes 5 ms for every write: the waiting events pass the appender's capacity
    System.setOut(
        new PrintStream(
            new java.io.OutputStream() {
              @Override
              public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                synchronized (captured) {
                  captured.write(b, off, len);
                }
              }
            },
            false,
            StandardCharsets.UTF_8));
    context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    new LogSetup().configure(context);
    Logger log = context.getLogger("dev.memkit.http.requests");
    int lines = 3 * ConsoleLog.CAPACITY;
    for (int i = 0; i < lines; i++) {
      log.info("slow-" + i);
    }
    context.stop();
    List<String> written = lines("slow-");
    assertThat(written).hasSize(lines);
    assertThat(written.get(lines - 1)).isEqualTo("slow-" + (lines - 1));
  }

  @Test
  void aLoneLineIsWrittenWithoutWaitingForMore() throws Exception {
    context.getLogger("dev.memkit.http.requests").info("lone-line");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (lines("lone-line").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(lines("lone-line")).containsExactly("lone-line");
  }
}
