/**
 * memkit for LangChain4j: {@link dev.memkit.langchain4j.MemkitChatMemoryStore} (chat memory),
 * {@link dev.memkit.langchain4j.MemkitLangChain4jTools} (tools for {@code AiServices}) and {@link
 * dev.memkit.langchain4j.MemkitContentRetriever} (memories as retrieval-augmented content).
 */
package dev.memkit.langchain4j;
