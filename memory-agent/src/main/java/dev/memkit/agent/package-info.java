/**
 * What an LLM agent does with memkit, independent of any agent framework: the tool operations
 * ({@link dev.memkit.agent.AgentTools}) and the storage of a conversation's messages ({@link
 * dev.memkit.agent.Conversations}). The LangChain4j and Spring AI adapters wrap these: their tool
 * classes extend {@link dev.memkit.agent.AgentToolMethods} and only add their framework's
 * annotations, with the names and descriptions of {@link dev.memkit.agent.ToolText}.
 */
package dev.memkit.agent;
