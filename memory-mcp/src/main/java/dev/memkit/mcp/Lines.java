package dev.memkit.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Newline-delimited JSON-RPC on a pair of streams, as the stdio transport frames it: each line read
 * is handled on one of a few threads (clients send calls without waiting for answers), and each
 * answer is written whole, as one line.
 */
final class Lines {
  private Lines() {}

  /**
   * Hands every non-blank line of {@code in} to {@code handler}, up to {@code threads} at once,
   * until {@code in} ends and every line has been handled (at most five minutes more).
   */
  static void each(InputStream in, int threads, Consumer<String> handler)
      throws IOException, InterruptedException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "memkit-mcp");
              t.setDaemon(true);
              return t;
            });
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          String message = line;
          pool.execute(() -> handler.accept(message));
        }
      }
    } finally {
      pool.shutdown();
      pool.awaitTermination(5, TimeUnit.MINUTES);
    }
  }

  /** Writes {@code message} as one line (line breaks in it become spaces), whole, and flushes. */
  static void write(OutputStream out, String message) {
    byte[] bytes =
        (message.replace("\n", " ").replace("\r", " ") + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (out) {
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        // the client is gone: nothing to answer to
      }
    }
  }
}
