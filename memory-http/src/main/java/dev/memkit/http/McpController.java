package dev.memkit.http;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;
import dev.memkit.mcp.McpCaller;
import dev.memkit.mcp.McpEndpoint;
import dev.memkit.mcp.MemkitMcp;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;

/**
 * {@code /mcp}: memkit's MCP server over Streamable HTTP, stateless — each POST carries one
 * JSON-RPC message and gets its answer as JSON (no session, no event stream). The same API keys,
 * roles and namespaces as {@code /v1} apply: the key's default namespace, or {@code ?namespace=}
 * (or the {@code Memkit-Namespace} header) when the key allows it; a {@code read} key sees and may
 * call only read-only tools. A request from a browser page of another origin is refused
 * (DNS-rebinding protection, {@link McpOrigins}).
 */
@Hidden
@Context // built at start, so a wrong MEMKIT_MCP_TOOLS stops the server there; the MCP server
// itself at the first call
@Controller("/mcp")
final class McpController {
  private static final String NAMESPACE_HEADER = "Memkit-Namespace";
  private static final String VERSION_HEADER = "MCP-Protocol-Version";

  private final Access access;
  private final MemkitMcp mcp;
  private final McpOrigins origins;
  private volatile McpEndpoint endpoint;

  McpController(Access access, ServerRuntime runtime) {
    this.access = access;
    this.mcp = MemkitMcp.select(runtime.settings().environment().get(MemkitMcp.TOOLS_VARIABLE));
    this.origins = McpOrigins.from(runtime.settings());
  }

  /**
   * The MCP SDK's server and its JSON mapper (about a thousand classes), built at the first call,
   * not at start.
   */
  private McpEndpoint endpoint() {
    McpEndpoint built = endpoint;
    if (built == null) {
      synchronized (this) {
        if (endpoint == null) {
          endpoint = new McpEndpoint(mcp);
        }
        built = endpoint;
      }
    }
    return built;
  }

  @Post
  @Consumes(MediaType.ALL)
  HttpResponse<String> post(
      HttpRequest<?> request, @Body @Nullable byte[] body, @Nullable @QueryValue String namespace) {
    if (!origins.allows(request.getHeaders().get(HttpHeaders.ORIGIN))) {
      return jsonRpcError(
          HttpStatus.FORBIDDEN,
          "Origin "
              + Problem.clip(request.getHeaders().get(HttpHeaders.ORIGIN))
              + " may not use this server's MCP endpoint");
    }
    String version = request.getHeaders().get(VERSION_HEADER);
    if (version != null && !MemkitMcp.PROTOCOL_VERSIONS.contains(version.trim())) {
      return jsonRpcError(
          HttpStatus.BAD_REQUEST,
          "MCP-Protocol-Version "
              + Problem.clip(version)
              + " is not supported; supported: "
              + String.join(", ", MemkitMcp.PROTOCOL_VERSIONS));
    }
    Caller caller = access.require(request, Role.READ);
    String requested = namespace != null ? namespace : request.getHeaders().get(NAMESPACE_HEADER);
    McpCaller mcpCaller =
        new McpCaller(
            access.memkit().space(access.namespace(caller, requested), caller.actor()),
            caller.role().allows(Role.WRITE),
            "key '" + caller.keyId() + "' (role " + caller.role().wireName() + ")");
    String message = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    McpEndpoint.Reply reply = endpoint().handle(message, MemkitMcp.context(mcpCaller));
    if (reply.body().isEmpty()) {
      return HttpResponse.status(HttpStatus.ACCEPTED);
    }
    return HttpResponse.<String>status(reply.malformed() ? HttpStatus.BAD_REQUEST : HttpStatus.OK)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(reply.body().get());
  }

  /** No event stream: a stateless server sends nothing unasked. */
  @Get
  HttpResponse<String> get() {
    return notAllowed();
  }

  /** No session to end. */
  @Delete
  HttpResponse<String> delete() {
    return notAllowed();
  }

  private static MutableHttpResponse<String> notAllowed() {
    return HttpResponse.<String>status(HttpStatus.METHOD_NOT_ALLOWED)
        .header(HttpHeaders.ALLOW, "POST");
  }

  private static MutableHttpResponse<String> jsonRpcError(HttpStatus status, String message) {
    return HttpResponse.<String>status(status)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(
            JsonWriter.compact(
                JsonValue.objectBuilder()
                    .put("jsonrpc", "2.0")
                    .put("id", JsonValue.NULL)
                    .put(
                        "error",
                        JsonValue.objectBuilder()
                            .put("code", -32600)
                            .put("message", message)
                            .build())
                    .build()));
  }
}
