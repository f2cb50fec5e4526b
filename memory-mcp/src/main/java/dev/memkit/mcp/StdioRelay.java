package dev.memkit.mcp;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;
import dev.memkit.jackson.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Relays MCP from standard input and output to a memkit server's {@code /mcp} endpoint: each line
 * read is one JSON-RPC message, sent as its own POST (several at once, as the client sends them);
 * each answer is written back as one line. So {@code memkit mcp --url …} serves exactly the tools
 * of the server, with the server's keys, roles and namespaces, for clients that only start local
 * programs.
 */
public final class StdioRelay {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final int PARALLEL = 16;

  private final URI endpoint;
  private final Optional<String> apiKey;
  private final HttpClient client;

  /**
   * @param endpoint the server's MCP endpoint, e.g. {@code https://memkit.example.com/mcp}
   * @param apiKey sent as {@code Authorization: Bearer}, when present
   */
  public StdioRelay(URI endpoint, Optional<String> apiKey) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * Relays until {@code in} ends and every answer is written.
   *
   * @throws IOException when standard input or output fails
   * @throws InterruptedException when interrupted
   */
  public void run(InputStream in, OutputStream out) throws IOException, InterruptedException {
    Lines.each(in, PARALLEL, message -> answer(message, out));
  }

  private void answer(String message, OutputStream out) {
    String reply;
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(endpoint)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream")
              .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8));
      apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String body = response.body() == null ? "" : response.body().strip();
      if (response.statusCode() == 202 || body.isEmpty() && response.statusCode() < 300) {
        return;
      }
      if (body.startsWith("{") && isJsonRpc(body)) {
        reply = body;
      } else {
        reply =
            error(
                message,
                "the memkit server at "
                    + endpoint
                    + " answered HTTP "
                    + response.statusCode()
                    + (body.isEmpty() ? "" : ": " + clip(body)));
      }
    } catch (IOException e) {
      reply =
          error(message, "cannot reach the memkit server at " + endpoint + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (reply != null) {
      Lines.write(out, reply);
    }
  }

  private static boolean isJsonRpc(String body) {
    try {
      return JsonText.parse(body, "response") instanceof JsonValue.JsonObject o
          && o.get("jsonrpc").isPresent();
    } catch (ValidationException e) {
      return false;
    }
  }

  /** A JSON-RPC error answering {@code message}, or null when it was a notification (no id). */
  private static String error(String message, String text) {
    JsonValue id;
    try {
      JsonValue parsed = JsonText.parse(message, "message");
      id = parsed instanceof JsonValue.JsonObject o ? o.get("id").orElse(null) : null;
    } catch (ValidationException e) {
      id = JsonValue.NULL;
    }
    if (id == null) {
      return null;
    }
    return JsonWriter.compact(
        JsonValue.objectBuilder()
            .put("jsonrpc", "2.0")
            .put("id", id)
            .put(
                "error", JsonValue.objectBuilder().put("code", -32603).put("message", text).build())
            .build());
  }

  private static String clip(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
