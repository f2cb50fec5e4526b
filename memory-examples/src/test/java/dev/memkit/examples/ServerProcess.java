package dev.memkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real server jar ({@code memory-http/target/memkit-server.jar}) running as its own JVM. */
final class ServerProcess implements AutoCloseable {
  static final String KEY = "e2e-key-0123456789abcdef";
  private static final Pattern SERVING = Pattern.compile("serving (http://\\S+) \\(store (.+)\\)");

  final Process process;
  final String url;
  final Path log;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServerProcess(Process process, String url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /** Starts the server jar on {@code store}, logging to {@code log}, and waits until it serves. */
  static ServerProcess start(String store, Path log) throws IOException, InterruptedException {
    Path jar =
        Path.of(System.getProperty("memkit.server.jar", "../memory-http/target/memkit-server.jar"));
    assertThat(jar).as("the server jar; build memory-http first").exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
    pb.environment().put("MEMKIT_STORE", store);
    pb.environment().put("MEMKIT_PORT", "0");
    pb.environment().put("MEMKIT_API_KEY", KEY);
    pb.environment().remove("MEMKIT_KEYS_FILE");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process process = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline && process.isAlive()) {
      Matcher m = SERVING.matcher(Files.readString(log));
      if (m.find()) {
        return new ServerProcess(process, m.group(1), log);
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new AssertionError("the server did not start:\n" + Files.readString(log));
  }

  HttpResponse<String> send(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code POST /v1/memories} with a client key. */
  HttpResponse<String> addMemory(String text, String key) throws IOException, InterruptedException {
    return send("POST", "/v1/memories", "{\"text\":\"" + text + "\",\"key\":\"" + key + "\"}");
  }

  /** Kills the process at once ({@code SIGKILL}). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
