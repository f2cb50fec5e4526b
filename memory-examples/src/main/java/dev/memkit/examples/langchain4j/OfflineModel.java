package dev.memkit.examples.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.memkit.examples.StandInModel;
import java.util.List;

/**
 * A stand-in for an LLM so the example runs with no network and no key: it calls the tool {@link
 * StandInModel} picks, then answers with what the tool returned. Replace it with a real {@link
 * ChatModel} (e.g. LangChain4j's {@code OpenAiChatModel}).
 */
public final class OfflineModel implements ChatModel {

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    ChatMessage last = messages.get(messages.size() - 1);
    if (last instanceof UserMessage user) {
      StandInModel call = StandInModel.decide(user.singleText());
      return answer(
          AiMessage.from(
              ToolExecutionRequest.builder()
                  .id("1")
                  .name(call.tool())
                  .arguments(call.arguments())
                  .build()));
    }
    String results = last instanceof ToolExecutionResultMessage tool ? tool.text() : "";
    return answer(AiMessage.from(results));
  }

  private static ChatResponse answer(AiMessage message) {
    return ChatResponse.builder().aiMessage(message).build();
  }
}
