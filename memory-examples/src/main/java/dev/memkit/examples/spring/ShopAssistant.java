package dev.memkit.examples.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.document.Document;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * One agent turn with Spring AI's own parts: the conversation from {@link ChatMemory}, memories
 * from the {@link DocumentRetriever} added to the question, and the model's tool calls run by
 * Spring AI's {@link ToolCallingManager} against memkit's tool callbacks until it answers.
 */
public final class ShopAssistant {
  /** Model round trips allowed per turn. */
  static final int MAX_ROUNDS = 8;

  private final ChatModel model;
  private final ChatMemory memory;
  private final ToolCallingChatOptions options;
  private final DocumentRetriever retriever;
  private final ToolCallingManager toolCalling = ToolCallingManager.builder().build();

  /** An assistant over these beans. */
  public ShopAssistant(
      ChatModel model, ChatMemory memory, ToolCallbackProvider tools, DocumentRetriever retriever) {
    this.model = model;
    this.memory = memory;
    this.options = ToolCallingChatOptions.builder().toolCallbacks(tools.getToolCallbacks()).build();
    this.retriever = retriever;
  }

  /**
   * Answers {@code text} in conversation {@code conversationId}; the turn is kept in chat memory.
   */
  public String reply(String conversationId, String text) {
    String known =
        retriever.retrieve(new Query(text)).stream()
            .map(Document::getText)
            .collect(Collectors.joining("\n- "));
    UserMessage question =
        new UserMessage(known.isEmpty() ? text : text + "\n\nFrom memory:\n- " + known);
    List<Message> history = new ArrayList<>(memory.get(conversationId));
    int before = history.size();
    history.add(question);
    Prompt prompt = new Prompt(history, options);
    ChatResponse response = model.call(prompt);
    for (int round = 1; response.hasToolCalls() && round < MAX_ROUNDS; round++) {
      prompt =
          new Prompt(toolCalling.executeToolCalls(prompt, response).conversationHistory(), options);
      response = model.call(prompt);
    }
    List<Message> turn =
        new ArrayList<>(prompt.getInstructions().subList(before, prompt.getInstructions().size()));
    turn.add(response.getResult().getOutput());
    memory.add(conversationId, turn);
    return response.getResult().getOutput().getText();
  }
}
