package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.error.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path of the quick reads ({@link QuickReads}) answers with the very bytes the routes give
 * — status line, headers (the {@code date} header's value aside) and body — and hands every other
 * request on to them. Each request is sent raw over a socket to a server on the same store with
 * {@code MEMKIT_FAST_READS=false} and then with the fast path on, one server after the other.
 */
class QuickReadsFastPathTest {
  private static final String OPS = "ops-secret-key-1";
  private static final String BOT = "bot-secret-key-2";
  private static final String BIG = "x".repeat(3000);

  @TempDir static Path dir;
  private static Map<String, String> env;

  @BeforeAll
  static void store() throws IOException {
    Path keys =
        AuthTest.keysFile(
            dir,
            AuthTest.key("ops", OPS, "admin", "*"),
            AuthTest.key("bot", BOT, "read", "assistant", "team-*"));
    env =
        Map.of(
            "MEMKIT_STORE",
            TestServer.storeUri(dir, "sqlite"),
            "MEMKIT_KEYS_FILE",
            keys.toString());
    try (TestServer http = TestServer.start(env, OPS)) {
      put(http, "/state/set", "{\"key\":\"current_phase\",\"value\":\"testing\"}");
      put(
          http,
          "/state/set",
          "{\"key\":\"a.b:c-d_e\",\"value\":{\"n\":1,\"s\":\"caf\u00e9 \u2713\"}}");
      put(http, "/state/set", "{\"key\":\"big\",\"value\":\"" + BIG + "\"}");
      assertThat(http.put("/v1/state/plan?namespace=assistant", "{\"value\":[1,2]}").status())
          .isEqualTo(200);
      assertThat(http.put("/v1/state/plan?namespace=team-red", "{\"value\":\"red\"}").status())
          .isEqualTo(200);
      assertThat(http.put("/v1/state/plan?namespace=other", "{\"value\":true}").status())
          .isEqualTo(200);
    }
  }

  @Test
  void theFastPathAnswersItsReadsWithTheRoutesBytesAndHandsOnEverythingElse() throws IOException {
    Map<String, Boolean> requests = new LinkedHashMap<>(); // request → answered by the fast path
    requests.put(get("/state/get?key=current_phase", OPS), true);
    requests.put(get("/state/get?key=unset_key", OPS), true); // {"value":null} is a success
    requests.put(get("/state/get?key=a.b:c-d_e", OPS), true);
    requests.put(get("/state/get?key=big", OPS), true);
    requests.put(get("/v1/state/current_phase", OPS), true);
    requests.put(get("/v1/state/a.b:c-d_e", OPS), true);
    requests.put(get("/v1/state/big", OPS), true);
    requests.put(get("/v1/state/plan?namespace=assistant", BOT), true);
    requests.put(get("/v1/state/plan?namespace=team-red", BOT), true);
    requests.put(get("/v1/state/plan?namespace=other", OPS), true);
    requests.put(get("/state/get?key=current_phase", OPS, "Accept-Encoding", "gzip"), true);
    // errors and everything else: the routes answer
    requests.put(get("/v1/state/missing", OPS), false);
    requests.put(get("/v1/state/plan?namespace=other", BOT), false); // 403
    requests.put(get("/v1/state/plan", BOT), true); // the bot's default namespace, assistant
    requests.put(get("/v1/state/plan?namespace=Bad.Name", OPS), false);
    requests.put(get("/v1/state/plan?namespace=", OPS), false);
    requests.put(get("/v1/state/plan?other=1", OPS), false);
    requests.put(get("/state/get?key=current_phase", null), false);
    requests.put(get("/state/get?key=current_phase", "wrong-key"), false);
    requests.put(get("/state/get?key=current_phase", null, "Authorization", "bearer " + OPS), true);
    requests.put(get("/state/get?key=", OPS), false);
    requests.put(get("/state/get", OPS), false);
    requests.put(get("/state/get?key=-bad", OPS), false);
    requests.put(get("/state/get?key=current%5Fphase", OPS), false);
    requests.put(get("/state/get?key=bad%zz", OPS), false);
    requests.put(get("/state/get?key=current_phase&key=a.b:c-d_e", OPS), false);
    requests.put(get("/state/get?key=caf%C3%A9", OPS), false);
    requests.put(get("/state/get?key=current+phase", OPS), false);
    requests.put(get("/v1/state/..", OPS), false);
    requests.put(get("/v1/state/.", OPS), false);
    requests.put(get("/v1/state/%2e%2e", OPS), false);
    requests.put(get("/v1/state/a%2Fb", OPS), false);
    requests.put(get("/v1/state/current_phase/", OPS), false);
    requests.put(get("/v1/state/caf%C3%A9", OPS), false);
    requests.put(get("/STATE/GET?key=current_phase", OPS), false);
    requests.put(get("/state/get/?key=current_phase", OPS), false);
    requests.put(get("/v1/state/big", OPS, "Accept-Encoding", "gzip"), false); // compressed
    requests.put(get("/v1/state/current_phase", OPS, "Connection", "keep-alive"), false);
    requests.put(get("/v1/state/current_phase", OPS, "Connection", "close"), false);
    requests.put(
        "HEAD /state/get?key=current_phase HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + OPS
            + "\r\n\r\n",
        false);
    requests.put(
        "GET /state/get?key=current_phase HTTP/1.0\r\nAuthorization: Bearer " + OPS + "\r\n\r\n",
        false);

    Map<String, String> routes = new LinkedHashMap<>();
    try (TestServer off = TestServer.start(with("MEMKIT_FAST_READS", "false"), OPS)) {
      for (String request : requests.keySet()) {
        routes.put(request, exchange(off, request));
      }
      assertThat(off.server.bean(QuickReads.class).answered()).isZero();
    }
    try (TestServer on = TestServer.start(env, OPS)) {
      QuickReads fast = on.server.bean(QuickReads.class);
      for (Map.Entry<String, Boolean> request : requests.entrySet()) {
        long before = fast.answered();
        String response = exchange(on, request.getKey());
        assertThat(response)
            .as("the response to %s", request.getKey())
            .isEqualTo(routes.get(request.getKey()));
        assertThat(fast.answered() - before)
            .as("answered by the fast path: %s", request.getKey())
            .isEqualTo(request.getValue() ? 1 : 0);
      }
    }
    assertThat(routes.get(get("/state/get?key=current_phase", OPS)))
        .startsWith("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ndate: *\r\n")
        .endsWith("\r\n\r\n{\"value\":\"testing\"}");
  }

  @Test
  void pipelinedRequestsOnOneConnectionGetTheirResponsesInOrder() throws IOException {
    List<String> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(get("/state/get?key=current_phase", OPS));
      batch.add(get("/v1/memories/search?q=anything", OPS)); // a worker thread's route
      batch.add(get("/v1/state/current_phase", OPS));
      batch.add(get("/v1/state/missing", OPS));
      batch.add(get("/state/get?key=bad%zz", OPS));
      batch.add(get("/v1/state/a.b:c-d_e", OPS));
    }
    List<String> routes;
    try (TestServer off = TestServer.start(with("MEMKIT_FAST_READS", "false"), OPS)) {
      routes = pipelined(off, batch);
    }
    try (TestServer on = TestServer.start(env, OPS)) {
      long before = on.server.bean(QuickReads.class).answered();
      assertThat(pipelined(on, batch)).isEqualTo(routes);
      assertThat(on.server.bean(QuickReads.class).answered()).isGreaterThan(before);
    }
    assertThat(routes).hasSize(batch.size());
    assertThat(routes.get(0)).endsWith("{\"value\":\"testing\"}");
    assertThat(routes.get(3)).startsWith("HTTP/1.1 404 ");
  }

  @Test
  void aConnectionKeptOpenSeesAChangedValue() throws IOException {
    try (TestServer on = TestServer.start(env, OPS);
        Socket socket = new Socket("127.0.0.1", on.server.port())) {
      socket.setSoTimeout(30_000);
      String read = get("/v1/state/changing", OPS);
      assertThat(on.put("/v1/state/changing", "{\"value\":1}").status()).isEqualTo(200);
      String first = exchange(socket, read);
      assertThat(first).contains("ETag: \"1\"").contains("\"value\":1,");
      assertThat(exchange(socket, read)).isEqualTo(first);
      assertThat(on.put("/v1/state/changing", "{\"value\":2}").status()).isEqualTo(200);
      assertThat(exchange(socket, read)).contains("ETag: \"2\"").contains("\"value\":2,");
      assertThat(on.delete("/v1/state/changing").status()).isEqualTo(204);
      assertThat(exchange(socket, read)).startsWith("HTTP/1.1 404 ");
    }
  }

  @Test
  void theSettingTakesOnlyTrueOrFalse() {
    assertThat(OpsSettings.from(Map.of()).fastReads()).isTrue();
    assertThat(OpsSettings.from(Map.of("MEMKIT_FAST_READS", "false")).fastReads()).isFalse();
    assertThat(OpsSettings.from(Map.of("MEMKIT_FAST_READS", "true")).fastReads()).isTrue();
    assertThatThrownBy(() -> OpsSettings.from(Map.of("MEMKIT_FAST_READS", "sometimes")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("MEMKIT_FAST_READS");
  }

  private static void put(TestServer http, String path, String json) {
    assertThat(http.post(path, json).status()).isEqualTo(200);
  }

  private static Map<String, String> with(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(env);
    all.put(name, value);
    return all;
  }

  /** A raw GET request of {@code target}, with {@code key} (null: none) and more headers. */
  private static String get(String target, String key, String... headers) {
    StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n");
    if (key != null) {
      request.append("Authorization: Bearer ").append(key).append("\r\n");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    return request.append("\r\n").toString();
  }

  /** Sends {@code request} on a new connection; the response, its date header's value masked. */
  private static String exchange(TestServer http, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", http.server.port())) {
      socket.setSoTimeout(30_000);
      return exchange(socket, request);
    }
  }

  private static String exchange(Socket socket, String request) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.UTF_8));
    out.flush();
    return response(socket.getInputStream(), request.startsWith("HEAD "));
  }

  /** Sends all of {@code requests} in one write on one connection; the responses in order. */
  private static List<String> pipelined(TestServer http, List<String> requests) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", http.server.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(String.join("", requests).getBytes(StandardCharsets.UTF_8));
      out.flush();
      List<String> responses = new ArrayList<>();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < requests.size(); i++) {
        responses.add(response(in, false));
      }
      return responses;
    }
  }

  /** One response read off {@code in}: head and body (by its content-length), date masked. */
  private static String response(InputStream in, boolean head) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (!endsWithBlankLine(bytes)) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside a response head: " + bytes);
      }
      bytes.write(b);
    }
    String headText = bytes.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    StringBuilder masked = new StringBuilder();
    for (String line : headText.split("\r\n", -1)) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
      masked.append(lower.startsWith("date:") ? line.substring(0, 5) + " *" : line).append("\r\n");
    }
    masked.setLength(masked.length() - 2);
    byte[] body = head ? new byte[0] : in.readNBytes(length);
    return masked + new String(body, StandardCharsets.UTF_8);
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream bytes) {
    byte[] b = bytes.toByteArray();
    int n = b.length;
    return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
  }
}
