package dev.memkit.examples.spring;

import dev.memkit.examples.StandInModel;
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
 * A stand-in for an LLM so the example runs with no network and no key: it calls the tool {@link
 * StandInModel} picks, then answers with what the tool returned.
 */
public final class OfflineChatModel implements ChatModel {

  @Override
  public ChatResponse call(Prompt prompt) {
    List<Message> messages = prompt.getInstructions();
    Message last = messages.get(messages.size() - 1);
    if (last instanceof UserMessage user) {
      StandInModel call = StandInModel.decide(user.getText());
      return answer(
          AssistantMessage.builder()
              .content("")
              .toolCalls(
                  List.of(
                      new AssistantMessage.ToolCall(
                          "1", "function", call.tool(), call.arguments())))
              .build());
    }
    String results =
        last instanceof ToolResponseMessage tool
            ? tool.getResponses().stream()
                .map(ToolResponseMessage.ToolResponse::responseData)
                .collect(Collectors.joining("\n"))
            : "";
    return answer(new AssistantMessage(results));
  }

  private static ChatResponse answer(AssistantMessage message) {
    return new ChatResponse(List.of(new Generation(message)));
  }
}
