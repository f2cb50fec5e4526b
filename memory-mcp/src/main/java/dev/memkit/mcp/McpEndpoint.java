package dev.memkit.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Where one JSON-RPC message meets memkit's stateless MCP server: {@link #handle} answers a request
 * with its response, takes a notification or a client's response without answer, and answers a
 * malformed message with a JSON-RPC error. Each transport (standard input and output, the HTTP
 * route) reads messages its own way and hands them here; calls run on the caller's thread, so a
 * transport runs as many at once as it has threads.
 */
public final class McpEndpoint implements McpStatelessServerTransport {
  private final McpJsonMapper json;
  private volatile McpStatelessServerHandler handler;

  /** The endpoint of {@code mcp}'s tools, resources and prompts. */
  public McpEndpoint(MemkitMcp mcp) {
    this.json = mcp.json();
    mcp.statelessServer(this);
  }

  /**
   * What came back for one message.
   *
   * @param body the JSON-RPC message to send back, if any
   * @param malformed whether the message was refused before reaching the server (not JSON, not
   *     JSON-RPC 2.0, a batch)
   */
  public record Reply(Optional<String> body, boolean malformed) {}

  /** Handles {@code message} (one JSON-RPC message as text) for the caller in {@code context}. */
  public Reply handle(String message, McpTransportContext context) {
    McpSchema.JSONRPCMessage parsed;
    try {
      parsed = McpSchema.deserializeJsonRpcMessage(json, message);
    } catch (IOException | RuntimeException e) {
      boolean batch = message.stripLeading().startsWith("[");
      return malformed(
          null,
          batch ? McpSchema.ErrorCodes.INVALID_REQUEST : McpSchema.ErrorCodes.PARSE_ERROR,
          batch
              ? "batches are not supported: send one JSON-RPC message at a time"
              : "not a JSON-RPC message: it must be one JSON object with jsonrpc \"2.0\" and a method");
    }
    if (!"2.0".equals(parsed.jsonrpc())) {
      Object id = parsed instanceof McpSchema.JSONRPCRequest r ? r.id() : null;
      return malformed(id, McpSchema.ErrorCodes.INVALID_REQUEST, "jsonrpc must be \"2.0\"");
    }
    if (parsed instanceof McpSchema.JSONRPCRequest request) {
      try {
        McpSchema.JSONRPCResponse response =
            handler
                .handleRequest(context, request)
                .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                .block();
        return new Reply(Optional.of(write(response)), false);
      } catch (RuntimeException e) {
        return new Reply(
            Optional.of(
                error(
                    request.id(),
                    McpSchema.ErrorCodes.INTERNAL_ERROR,
                    "the request failed: " + e.getClass().getSimpleName())),
            false);
      }
    }
    if (parsed instanceof McpSchema.JSONRPCNotification notification) {
      handler
          .handleNotification(context, notification)
          .contextWrite(c -> c.put(McpTransportContext.KEY, context))
          .block();
    }
    return new Reply(Optional.empty(), false);
  }

  private Reply malformed(Object id, int code, String message) {
    return new Reply(Optional.of(error(id, code, message)), true);
  }

  /** A JSON-RPC error response; {@code id} may be null, for a message whose id is unknown. */
  private String error(Object id, int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
    response.put("id", id);
    response.put("error", error);
    return write(response);
  }

  private String write(Object response) {
    try {
      return json.writeValueAsString(response);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON-RPC response could not be written", e);
    }
  }

  @Override
  public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
    this.handler = mcpHandler;
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.empty();
  }

  @Override
  public List<String> protocolVersions() {
    return MemkitMcp.PROTOCOL_VERSIONS;
  }
}
