package dev.memkit.http;

import dev.memkit.core.Memkit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real server on a random port, on the store the test names, and a JDK HTTP client to talk to it.
 * The store URI is a parameter: {@link #storeUri(Path, String)} picks the SQLite store when it is
 * on the classpath, else the in-memory one.
 */
final class TestServer implements AutoCloseable {
  static final String KEY = "test-key-5f1c9a0e7b";

  final MemkitServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String key;

  private TestServer(MemkitServer server, String key) {
    this.server = server;
    this.key = key;
  }

  /**
   * The store for tests: {@code preferred} (sqlite or json) in {@code dir} when available, else
   * {@code mem:}.
   */
  static String storeUri(Path dir, String preferred) {
    String forced = System.getProperty("memkit.test.store");
    if (forced != null && !forced.isBlank()) {
      return forced.replace("{dir}", dir.toString());
    }
    if (Memkit.schemes().contains(preferred)) {
      return preferred.equals("sqlite")
          ? "sqlite:" + dir.resolve("memkit.db")
          : preferred + ":" + dir.resolve("memkit");
    }
    return "mem:test";
  }

  /** A server with one admin key, {@link #KEY}. */
  static TestServer start(Path dir) {
    return start(Map.of("MEMKIT_STORE", storeUri(dir, "sqlite"), "MEMKIT_API_KEY", KEY), KEY);
  }

  /**
   * A server with {@code env} (port 0 unless given), calling with {@code key} (null: no header).
   */
  static TestServer start(Map<String, String> env, String key) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("MEMKIT_PORT", "0");
    all.putIfAbsent("MEMKIT_EMBEDDER", "none");
    return new TestServer(MemkitServer.start(all), key);
  }

  /** The same server, calling with another key (null: none). */
  TestServer as(String otherKey) {
    return new TestServer(server, otherKey);
  }

  record Reply(int status, String body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String contentType() {
      return header("Content-Type");
    }
  }

  Reply get(String path) {
    return send("GET", path, null, null);
  }

  Reply post(String path, String json) {
    return send("POST", path, json, "application/json");
  }

  Reply put(String path, String json) {
    return send("PUT", path, json, "application/json");
  }

  Reply patch(String path, String json) {
    return send("PATCH", path, json, "application/json");
  }

  Reply delete(String path) {
    return send("DELETE", path, null, null);
  }

  Reply send(String method, String path, String body, String contentType, String... headers) {
    return sendBytes(
        method,
        path,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        contentType,
        headers);
  }

  Reply sendBytes(String method, String path, byte[] body, String contentType, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r =
          client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
