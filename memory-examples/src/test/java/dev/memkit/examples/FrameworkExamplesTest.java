package dev.memkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.examples.langchain4j.LangChain4jAgentExample;
import dev.memkit.examples.spring.ShopAssistant;
import dev.memkit.examples.spring.ShopAssistantApplication;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The LangChain4j agent and the Spring Boot application run offline, and what they learn outlives
 * them.
 */
class FrameworkExamplesTest {
  @TempDir Path dir;

  @Test
  void theReadmeShowsTheLangChain4jSetupThatCompiles() throws IOException {
    ReadmeBlocks.assertReadmeShows(
        "langchain4j-example",
        "dev/memkit/examples/langchain4j/LangChain4jAgentExample.java",
        "    ");
  }

  @Test
  void theReadmeShowsTheSpringAiSetupThatCompiles() throws IOException {
    ReadmeBlocks.assertReadmeShows(
        "spring-ai-example", "dev/memkit/examples/spring/ShopAssistantApplication.java", "    ");
  }

  @Test
  void theLangChain4jAgentRemembersInOneRunAndRecallsInTheNext() throws Exception {
    assertThat(
            ChildJvm.run(
                dir,
                LangChain4jAgentExample.class,
                "alice",
                "Remember: Alice prefers morning meetings"))
        .isEqualTo("Remembered as memory 1.\n");
    assertThat(
            ChildJvm.run(
                dir, LangChain4jAgentExample.class, "alice", "When does Alice like to meet?"))
        .isEqualTo("(1) Alice prefers morning meetings\n");

    try (Memkit memkit = Memkit.open("sqlite:" + dir.resolve("data/agent.db"))) {
      assertThat(memkit.space("assistant").state().get(StateKey.of("conversation.alice")))
          .isPresent();
    }
  }

  private ConfigurableApplicationContext start() {
    // a command-line property, so it overrides the example's application.properties
    return new SpringApplicationBuilder(ShopAssistantApplication.class)
        .web(WebApplicationType.NONE)
        .run("--memkit.store=sqlite:" + dir.resolve("data/memkit.db"));
  }

  @Test
  void theSpringBootApplicationRemembersAcrossARestart() {
    try (ConfigurableApplicationContext context = start()) {
      ShopAssistant assistant = context.getBean(ShopAssistant.class);
      assertThat(assistant.reply("customer-7", "Remember: order 1042 goes by courier"))
          .isEqualTo("Remembered as memory 1.");
    }
    try (ConfigurableApplicationContext context = start()) {
      assertThat(
              context
                  .getBean(ShopAssistant.class)
                  .reply("customer-7", "How does order 1042 travel?"))
          .isEqualTo("(1) order 1042 goes by courier");
      assertThat(context.getBean(ChatMemoryRepository.class).findByConversationId("customer-7"))
          .extracting(m -> m.getMessageType())
          .containsExactly(
              MessageType.USER,
              MessageType.ASSISTANT,
              MessageType.TOOL,
              MessageType.ASSISTANT,
              MessageType.USER,
              MessageType.ASSISTANT,
              MessageType.TOOL,
              MessageType.ASSISTANT);
      Memkit memkit = context.getBean(Memkit.class);
      assertThat(memkit.space("shop").audit().list(ListAudit.newest(50)).items())
          .extracting(e -> e.action())
          .contains("memory.add");
    }
  }

  @Test
  void theSpringBootApplicationRunsFromItsMain() throws Exception {
    assertThat(
            ChildJvm.run(
                dir, ShopAssistantApplication.class, "c1", "Remember: the shop opens at nine"))
        .endsWith("Remembered as memory 1.\n");
    assertThat(dir.resolve("data/memkit.db")).isRegularFile();
  }
}
