package dev.memkit.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.agent.ToolText;
import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListAudit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.document.Document;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.execution.DefaultToolExecutionExceptionProcessor;
import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A Spring Boot context with the auto-configuration, on a real SQLite file. */
class MemkitAutoConfigurationTest {
  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MemkitAutoConfiguration.class))
        .withPropertyValues(
            "memkit.store=sqlite:" + dir.resolve("data/memkit.db"), "memkit.namespace=shop-bot");
  }

  private static ToolCallback tool(ToolCallbackProvider provider, String name) {
    for (ToolCallback callback : provider.getToolCallbacks()) {
      if (callback.getToolDefinition().name().equals(name)) {
        return callback;
      }
    }
    throw new AssertionError("no tool " + name);
  }

  @Test
  void theContextGetsMemkitAndItsBeansAndTheyWorkOnTheConfiguredStore() {
    runner()
        .run(
            context -> {
              assertThat(context)
                  .hasNotFailed()
                  .hasSingleBean(Memkit.class)
                  .hasSingleBean(ChatMemoryRepository.class)
                  .hasSingleBean(DocumentRetriever.class)
                  .hasBean("memkitToolCallbacks");
              assertThat(context.getBean(Memkit.class).storeDescription())
                  .contains(dir.resolve("data/memkit.db").toString());
              ToolCallbackProvider tools =
                  context.getBean("memkitToolCallbacks", ToolCallbackProvider.class);
              assertThat(tools.getToolCallbacks())
                  .extracting(t -> t.getToolDefinition().name())
                  .containsExactlyInAnyOrder(
                      "remember",
                      "search_memories",
                      "get_state",
                      "set_state",
                      "add_goal",
                      "list_goals",
                      "goal_progress",
                      "load_context")
                  .containsExactlyInAnyOrderElementsOf(ToolText.NAMES);
              assertThat(tool(tools, "remember").getToolDefinition().inputSchema())
                  .contains("\"text\"", "\"tags\"");

              assertThat(
                      tool(tools, "remember")
                          .call(
                              "{\"text\":\"Order 1042 shipped by courier\",\"tags\":[\"order\",\"1042\"]}"))
                  .isEqualTo("Remembered as memory 1.");
              assertThat(tool(tools, "set_state").call("{\"key\":\"cart_size\",\"value\":\"3\"}"))
                  .contains("version 1");
              assertThat(tool(tools, "add_goal").call("{\"title\":\"Ship order 1042\"}"))
                  .contains("Added goal 1");
              assertThat(tool(tools, "goal_progress").call("{\"goalId\":1,\"status\":\"done\"}"))
                  .contains("is done");
              assertThat(
                      tool(tools, "search_memories")
                          .call("{\"query\":\"How was order 1042 shipped?\"}"))
                  .contains("(1) Order 1042 shipped by courier [order,1042]");
              assertThat(tool(tools, "get_state").call("{\"key\":\"cart_size\"}")).isEqualTo("3");
              // a refused call reaches the model as the core's message, through Spring AI's own
              // exception processor
              assertThatThrownBy(
                      () -> tool(tools, "set_state").call("{\"key\":\"bad key\",\"value\":\"1\"}"))
                  .isInstanceOfSatisfying(
                      ToolExecutionException.class,
                      e ->
                          assertThat(
                                  DefaultToolExecutionExceptionProcessor.builder()
                                      .build()
                                      .process(e))
                              .startsWith("key must match"));
              assertThat(tool(tools, "load_context").call("{\"maxTokens\":100}"))
                  .contains("- cart_size: 3");

              List<Document> documents =
                  context.getBean(DocumentRetriever.class).retrieve(new Query("courier shipping"));
              assertThat(documents)
                  .singleElement()
                  .satisfies(
                      d -> {
                        assertThat(d.getId()).isEqualTo("memory:1");
                        assertThat(d.getText()).isEqualTo("Order 1042 shipped by courier");
                        assertThat(d.getScore()).isNotNull();
                        assertThat(d.getMetadata())
                            .containsEntry("tags", "order,1042")
                            .containsEntry("memory_id", 1L);
                      });

              Space space = context.getBean(Space.class);
              assertThat(space.namespace().value()).isEqualTo("shop-bot");
              assertThat(space.audit().list(ListAudit.newest(50)).items())
                  .extracting(e -> e.action())
                  .contains("memory.add", "state.set", "goal.add", "goal.progress");
            });
  }

  @Test
  void chatMemoryKeepsEveryKindOfMessageAcrossARestart() {
    List<Message> conversation =
        List.of(
            SystemMessage.builder().text("You are a shop assistant").build(),
            UserMessage.builder()
                .text("Where is order 1042?")
                .metadata(Map.of("channel", "web", "attempt", 2L))
                .build(),
            AssistantMessage.builder()
                .content("")
                .toolCalls(
                    List.of(
                        new AssistantMessage.ToolCall(
                            "c1", "function", "search_memories", "{\"query\":\"order 1042\"}")))
                .build(),
            ToolResponseMessage.builder()
                .responses(
                    List.of(
                        new ToolResponseMessage.ToolResponse(
                            "c1", "search_memories", "(1) Order 1042 shipped")))
                .build(),
            new AssistantMessage("It shipped yesterday."));
    runner()
        .run(
            context -> {
              ChatMemory memory =
                  MessageWindowChatMemory.builder()
                      .chatMemoryRepository(context.getBean(ChatMemoryRepository.class))
                      .maxMessages(10)
                      .build();
              memory.add("customer-7", conversation);
              memory.add("customer 8 / ü", new UserMessage("hello"));
            });
    runner()
        .run(
            context -> {
              ChatMemoryRepository repository = context.getBean(ChatMemoryRepository.class);
              assertThat(repository.findConversationIds())
                  .containsExactly("customer-7", "customer 8 / ü");
              List<Message> back = repository.findByConversationId("customer-7");
              assertThat(back)
                  .extracting(Message::getMessageType)
                  .containsExactly(
                      MessageType.SYSTEM,
                      MessageType.USER,
                      MessageType.ASSISTANT,
                      MessageType.TOOL,
                      MessageType.ASSISTANT);
              assertThat(back.get(1).getText()).isEqualTo("Where is order 1042?");
              assertThat(back.get(1).getMetadata())
                  .containsEntry("channel", "web")
                  .containsEntry("attempt", 2L);
              assertThat(((AssistantMessage) back.get(2)).getToolCalls())
                  .isEqualTo(((AssistantMessage) conversation.get(2)).getToolCalls());
              assertThat(((ToolResponseMessage) back.get(3)).getResponses())
                  .isEqualTo(((ToolResponseMessage) conversation.get(3)).getResponses());
              assertThat(back.get(4).getText()).isEqualTo("It shipped yesterday.");
              assertThat(
                      context
                          .getBean(Space.class)
                          .state()
                          .get(StateKey.of("conversation.customer-7")))
                  .isPresent();

              repository.deleteByConversationId("customer-7");
              assertThat(repository.findByConversationId("customer-7")).isEmpty();
              assertThat(repository.findConversationIds()).containsExactly("customer 8 / ü");
            });
  }

  @Test
  void anApplicationsOwnBeansWinAndMemkitCanBeSharedFromOutside() {
    try (Memkit shared = Memkit.open("sqlite:" + dir.resolve("shared.db"))) {
      shared.space("default").memories().add(AddMemory.of("Shared store memory"));
      runner()
          .withUserConfiguration(OwnBeans.class)
          .withBean(Memkit.class, () -> shared, b -> b.setDestroyMethodName(""))
          .withPropertyValues("memkit.namespace=default")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(ChatMemoryRepository.class))
                    .isInstanceOf(InMemoryChatMemoryRepository.class);
                assertThat(context.getBean(Memkit.class)).isSameAs(shared);
                assertThat(
                        context
                            .getBean(DocumentRetriever.class)
                            .retrieve(new Query("shared memory")))
                    .hasSize(1);
              });
      assertThat(
              shared
                  .space("default")
                  .memories()
                  .search(dev.memkit.core.port.in.SearchMemories.of("shared")))
          .hasSize(1);
    }
    assertThat(dir.resolve("data/memkit.db")).doesNotExist();
  }

  @Test
  void springAisOwnChatMemoryConfigurationUsesMemkitsRepository() {
    ApplicationContextRunner both =
        runner()
            .withConfiguration(
                AutoConfigurations.of(
                    MemkitAutoConfiguration.class, ChatMemoryAutoConfiguration.class));
    both.run(
        context -> {
          assertThat(context).hasNotFailed().hasSingleBean(ChatMemory.class);
          assertThat(context.getBean(ChatMemoryRepository.class))
              .isInstanceOf(MemkitChatMemoryRepository.class);
          context.getBean(ChatMemory.class).add("web-1", new UserMessage("I want the blue one"));
        });
    both.run(
        context ->
            assertThat(context.getBean(ChatMemory.class).get("web-1"))
                .extracting(Message::getText)
                .containsExactly("I want the blue one"));
  }

  @Test
  void aBadStoreUriFailsTheContextWithTheRuleBroken() {
    runner()
        .withPropertyValues("memkit.store=nosuch:./x")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("no store on the classpath serves it"));
  }

  /** An application that brings its own chat memory. */
  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    @Bean
    ChatMemoryRepository ownRepository() {
      return new InMemoryChatMemoryRepository();
    }
  }
}
