package dev.memkit.mcp;

import dev.memkit.core.Space;
import java.util.Objects;

/**
 * Who calls the MCP tools: the namespace's use cases acting as the caller (so the audit log names
 * it), and whether it may change data. A caller that may not sees only read-only tools.
 *
 * @param space the use cases of the caller's namespace, acting as the caller
 * @param mayWrite whether tools that change data are open to it
 * @param name how refusals name the caller, e.g. {@code key 'bot'}
 */
public record McpCaller(Space space, boolean mayWrite, String name) {
  /** Checks nothing is missing. */
  public McpCaller {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(name, "name");
  }
}
