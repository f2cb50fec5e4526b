package dev.memkit.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container health check: asks the server in the same container ({@code MEMKIT_PORT}, default
 * 8080, on loopback) for {@code GET /health} and exits 0 when it answers 200, 1 otherwise. For
 * images that cannot run {@code curl}:
 *
 * <pre>{@code
 * java -cp @/app/jib-classpath-file dev.memkit.http.HealthCheck
 * }</pre>
 */
public final class HealthCheck {
  private HealthCheck() {}

  /** Exits 0 when the server answers {@code /health} with 200 within 5 seconds, else 1. */
  public static void main(String[] args) {
    String port =
        System.getenv()
            .getOrDefault("MEMKIT_PORT", String.valueOf(ServerSettings.DEFAULT_PORT))
            .trim();
    System.exit(healthy(port) ? 0 : 1);
  }

  static boolean healthy(String port) {
    if (!port.matches("[0-9]{1,5}")) {
      System.err.println("memkit health: MEMKIT_PORT is not a port: " + Problem.clip(port));
      return false;
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        return true;
      }
      System.err.println("memkit health: /health answered " + response.statusCode());
    } catch (IOException e) {
      System.err.println("memkit health: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
