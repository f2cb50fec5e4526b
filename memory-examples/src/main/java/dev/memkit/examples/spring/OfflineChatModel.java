package dev.memkit.examples.spring;

import dev.memkit.core.json.JsonValue;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A stand-in for an LLM so the example runs with no network and no key: a message starting with
 * {@code Remember:} makes it call the {@code remember} tool, any other message
 * {@code search_memories}; then it answers with what the tool returned.
 */
public final class OfflineChatModel implements ChatModel {
  private static final String REMEMBER = "Remember:";

  @Override
  public ChatResponse call(Prompt prompt) {
    List<Message> messages = prompt.getInstructions();
    Message last = messages.get(messages.size() - 1);
    if (last instanceof UserMessage user) {
      String question = question(user.getText());
      boolean remember = question.startsWith(REMEMBER);
      String arguments = JsonValue.objectBuilder()
          .put(remember ? "text" : "query", remember ? question.substring(REMEMBER.length()).strip() : question).build().toJson();
      return answer(AssistantMessage.builder().content("")
          .toolCalls(List.of(new AssistantMessage.ToolCall("1", "function", remember ? "remember" : "search_memories", arguments)))
          .build());
    }
    String results = last instanceof ToolResponseMessage tool
        ? tool.getResponses().stream().map(ToolResponseMessage.ToolResponse::responseData).collect(Collectors.joining("\n"))
        : "";
    return answer(new AssistantMessage(results));
  }

  /** The user's own words: retrieval may have added what it found, after a blank line. */
  private static String question(String text) {
    return text.lines().takeWhile(l -> !l.isBlank()).collect(Collectors.joining(" ")).strip();
  }

  private static ChatResponse answer(AssistantMessage message) {
    return new ChatResponse(List.of(new Generation(message)));
  }
}
