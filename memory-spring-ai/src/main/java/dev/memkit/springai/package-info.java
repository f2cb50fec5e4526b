/**
 * memkit for Spring AI: {@link dev.memkit.springai.MemkitChatMemoryRepository} (chat memory),
 * {@link dev.memkit.springai.MemkitSpringAiTools} (tool callbacks), {@link
 * dev.memkit.springai.MemkitDocumentRetriever} (memories as documents for retrieval-augmented
 * generation), and {@link dev.memkit.springai.MemkitAutoConfiguration}, which gives a Spring Boot
 * application all of them from the {@code memkit.*} properties.
 */
package dev.memkit.springai;
