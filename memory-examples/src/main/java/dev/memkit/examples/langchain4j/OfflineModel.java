package dev.memkit.examples.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.memkit.core.json.JsonValue;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A stand-in for an LLM so the example runs with no network and no key: a message starting with
 * {@code Remember:} makes it call the {@code remember} tool, any other message the
 * {@code search_memories} tool; then it answers with what the tools returned. Replace it with a
 * real {@link ChatModel} (e.g. LangChain4j's {@code OpenAiChatModel}).
 */
public final class OfflineModel implements ChatModel {
  private static final String REMEMBER = "Remember:";

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    ChatMessage last = messages.get(messages.size() - 1);
    if (last instanceof UserMessage user) {
      String question = question(user.singleText());
      boolean remember = question.startsWith(REMEMBER);
      String tool = remember ? "remember" : "search_memories";
      String arguments = JsonValue.objectBuilder()
          .put(remember ? "text" : "query", remember ? question.substring(REMEMBER.length()).strip() : question).build().toJson();
      return answer(AiMessage.from(ToolExecutionRequest.builder().id("1").name(tool).arguments(arguments).build()));
    }
    String results = messages.stream().filter(ToolExecutionResultMessage.class::isInstance)
        .map(m -> ((ToolExecutionResultMessage) m).text()).reduce((a, b) -> b).orElse("");
    return answer(AiMessage.from(results));
  }

  /** The user's own words: retrieval may have appended what it found, after a blank line. */
  private static String question(String text) {
    return text.lines().takeWhile(l -> !l.isBlank()).collect(Collectors.joining(" ")).strip();
  }

  private static ChatResponse answer(AiMessage message) {
    return ChatResponse.builder().aiMessage(message).build();
  }
}
