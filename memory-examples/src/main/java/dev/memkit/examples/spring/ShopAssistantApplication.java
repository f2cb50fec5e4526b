package dev.memkit.examples.spring;

import java.util.Arrays;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application with memkit: the jar on the classpath and {@code
 * memkit.store=sqlite:./data/memkit.db} give it the chat memory repository, the memory tools and
 * the document retriever it wires into {@link ShopAssistant}. It runs offline with {@link
 * OfflineChatModel} ({@code shop.model=offline}, the default); with a Spring AI model starter on
 * the classpath, set {@code shop.model} to anything else to use that model instead. {@code java …
 * ShopAssistantApplication customer-7 "Remember: order 1042 goes by courier"}.
 */
@SpringBootApplication
public class ShopAssistantApplication {

  /** The stand-in model, unless the application is told to use another. */
  @Bean
  @ConditionalOnProperty(name = "shop.model", havingValue = "offline", matchIfMissing = true)
  ChatModel offlineChatModel() {
    return new OfflineChatModel();
  }

  /** The assistant, over the beans memkit's auto-configuration gives. */
  @Bean
  ShopAssistant shopAssistant(
      ChatModel model,
      ChatMemoryRepository memkitChatMemoryRepository,
      ToolCallbackProvider memkitToolCallbacks,
      DocumentRetriever memkitDocumentRetriever) {
    // spotless:off (the README quotes these lines as they are)
    // readme:start
    ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(memkitChatMemoryRepository).build();
    return new ShopAssistant(model, memory, memkitToolCallbacks, memkitDocumentRetriever);
    // readme:end
    // spotless:on
  }

  /** Answers one message: {@code args} are the conversation id and the message. */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: ShopAssistantApplication CONVERSATION MESSAGE...");
      System.exit(2);
    }
    try (var context =
        new SpringApplicationBuilder(ShopAssistantApplication.class)
            .web(WebApplicationType.NONE)
            .logStartupInfo(false)
            .run()) {
      String message = String.join(" ", Arrays.asList(args).subList(1, args.length));
      System.out.println(context.getBean(ShopAssistant.class).reply(args[0], message));
    }
  }
}
