/**
 * memkit as a Model Context Protocol server: {@link dev.memkit.mcp.MemkitTools} defines every tool
 * once over the core's use cases and the records' JSON form ({@link
 * dev.memkit.core.model.RecordJson}); {@link dev.memkit.mcp.MemkitMcp} turns the definitions into
 * the MCP Java SDK's servers, one on standard input and output and one stateless server the HTTP
 * service puts behind {@code /mcp}.
 */
package dev.memkit.mcp;
