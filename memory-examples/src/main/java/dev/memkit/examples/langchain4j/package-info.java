/** A LangChain4j agent whose chat memory, tools and retrieval are memkit's. */
package dev.memkit.examples.langchain4j;
