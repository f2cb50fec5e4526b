package dev.memkit.examples.langchain4j;

import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.langchain4j.MemkitChatMemoryStore;
import dev.memkit.langchain4j.MemkitContentRetriever;
import dev.memkit.langchain4j.MemkitLangChain4jTools;
import java.util.Arrays;

/**
 * A LangChain4j agent with memkit as its chat memory, its tools and its retrieval, on {@code
 * ./data/agent.db}: {@code java … LangChain4jAgentExample alice "Remember: I prefer tea"}, then
 * {@code … alice "What do I prefer?"} in a later run. It runs offline with {@link OfflineModel};
 * pass your own {@link ChatModel} to {@link #agent}.
 */
public final class LangChain4jAgentExample {
  /** What the agent looks like to the application. */
  public interface Assistant {
    /** Answers {@code message} from {@code user}, remembering the conversation per user. */
    String chat(@MemoryId String user, @UserMessage String message);
  }

  private LangChain4jAgentExample() {}

  /** The agent over {@code memkit}'s {@code assistant} namespace. */
  public static Assistant agent(Memkit memkit, ChatModel model) {
    // spotless:off (the README quotes these lines as they are)
    // readme:start
    Space space = memkit.space("assistant");
    return AiServices.builder(Assistant.class).chatModel(model)
        .tools(MemkitLangChain4jTools.of(space))
        .contentRetriever(MemkitContentRetriever.of(space))
        .chatMemoryProvider(user -> MessageWindowChatMemory.builder().id(user).maxMessages(20)
            .chatMemoryStore(MemkitChatMemoryStore.of(space)).build())
        .build();
    // readme:end
    // spotless:on
  }

  /** Runs one turn: {@code args[0]} is the user, the rest the message. */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: LangChain4jAgentExample USER MESSAGE...");
      System.exit(2);
    }
    try (Memkit memkit = Memkit.open("sqlite:./data/agent.db")) {
      String message = String.join(" ", Arrays.asList(args).subList(1, args.length));
      System.out.println(agent(memkit, new OfflineModel()).chat(args[0], message));
    }
  }
}
