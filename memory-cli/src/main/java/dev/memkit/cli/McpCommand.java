package dev.memkit.cli;

import dev.memkit.core.model.Actor;
import dev.memkit.mcp.McpCaller;
import dev.memkit.mcp.MemkitMcp;
import dev.memkit.mcp.StdioRelay;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memkit mcp}: memkit as an MCP server on standard input and output, for clients that start
 * a local program (Claude Desktop, Claude Code, Cursor, VS Code). On a local store it serves the
 * tools itself, acting as {@code mcp} in the audit log; with {@code --url} it relays every message
 * to that server's {@code /mcp} endpoint, so the server's keys, roles and namespaces apply.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Serves memkit's MCP tools, resources and prompts on standard input and output (JSON-RPC, one "
          + "message a line) until standard input ends. With --url, relays to that server's /mcp endpoint instead.",
      "See docs/mcp.md for client setups."
    })
final class McpCommand extends Action {
  @Option(
      names = "--tools",
      paramLabel = "LIST",
      description =
          "Tools to serve: default, all, chatgpt, tool names, -name to leave one out (comma-separated). "
              + "Default: $MEMKIT_MCP_TOOLS, else default. Ignored with --url (the server chooses).")
  String tools;

  @Override
  void run(Printer out) {
    Backend backend = backend();
    PrintStream stdout = System.out;
    try {
      if (backend instanceof RemoteBackend remote) {
        new StdioRelay(remote.mcpEndpoint(), remote.apiKey()).run(cli().stdin(), stdout);
        return;
      }
      MemkitMcp mcp = MemkitMcp.select(tools != null ? tools : cli().env(MemkitMcp.TOOLS_VARIABLE));
      LocalBackend local = (LocalBackend) backend;
      OpeningSpace space =
          new OpeningSpace(local.namespace(), Actor.MCP, () -> local.space(Actor.MCP));
      try {
        mcp.serveStdio(new McpCaller(space, true, "memkit mcp"), cli().stdin(), stdout);
      } finally {
        space.settle();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new dev.memkit.core.error.StoreUnavailableException(
          "standard input or output failed: " + e.getMessage(), e);
    }
  }
}
