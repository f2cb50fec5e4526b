/**
 * memkit as a Model Context Protocol server: {@link dev.memkit.mcp.MemkitTools} lists every tool,
 * defined once over the core's use cases and the records' JSON form ({@link
 * dev.memkit.core.model.RecordJson}) by the class of its family ({@code ContextTools}: context,
 * profile, working memory and snapshots; {@code MemoryTools}; {@code StateTools}; {@code
 * GoalTools}; {@code ConnectorTools}: {@code search} and {@code fetch}), which share {@code
 * ToolParts}; {@link dev.memkit.mcp.MemkitMcp} turns the definitions into the MCP Java SDK's
 * servers, one on standard input and output and one stateless server the HTTP service puts behind
 * {@code /mcp}.
 */
package dev.memkit.mcp;
