/**
 * memkit's MCP server beside the reference memory server, driven by the same MCP client and
 * workload.
 */
package dev.memkit.bench.mcp;
