package dev.memkit.springai;

import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Gives a Spring Boot application memkit from its {@code memkit.*} properties ({@link
 * MemkitProperties}): a {@link Memkit} opened on {@code memkit.store} (closed with the context),
 * the {@link Space} of {@code memkit.namespace}, and over it a {@link ChatMemoryRepository}, the
 * tool callbacks {@code memkitToolCallbacks} and a {@link DocumentRetriever}. Every bean is created
 * only when the application defines none of its own, so each can be overridden; the chat memory
 * repository comes before Spring AI's in-memory one.
 */
@AutoConfiguration(
    beforeName =
        "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration")
@ConditionalOnClass({Memkit.class, ChatMemoryRepository.class})
@EnableConfigurationProperties(MemkitProperties.class)
public class MemkitAutoConfiguration {

  /** memkit on {@code memkit.store}. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Memkit memkit(MemkitProperties properties) {
    return Memkit.open(properties.getStore());
  }

  /** The use cases of {@code memkit.namespace}. */
  @Bean
  @ConditionalOnMissingBean
  public Space memkitSpace(Memkit memkit, MemkitProperties properties) {
    return memkit.space(properties.getNamespace());
  }

  /** Chat memory kept in the namespace. */
  @Bean
  @ConditionalOnMissingBean(ChatMemoryRepository.class)
  public MemkitChatMemoryRepository memkitChatMemoryRepository(Space space) {
    return new MemkitChatMemoryRepository(space);
  }

  /** The memory tools, as callbacks for a chat client. */
  @Bean
  @ConditionalOnMissingBean(name = "memkitToolCallbacks")
  public ToolCallbackProvider memkitToolCallbacks(Space space) {
    return MemkitSpringAiTools.of(space).callbacks();
  }

  /** Memory search as documents for retrieval-augmented generation. */
  @Bean
  @ConditionalOnMissingBean(DocumentRetriever.class)
  public MemkitDocumentRetriever memkitDocumentRetriever(Space space, MemkitProperties properties) {
    return new MemkitDocumentRetriever(space, properties.getRetriever().getMaxResults());
  }
}
