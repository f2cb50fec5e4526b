/**
 * What an LLM agent does with memkit, independent of any agent framework: the tool operations
 * ({@link dev.memkit.agent.AgentTools}) and the storage of a conversation's messages
 * ({@link dev.memkit.agent.Conversations}). The LangChain4j and Spring AI adapters wrap these.
 */
package dev.memkit.agent;
