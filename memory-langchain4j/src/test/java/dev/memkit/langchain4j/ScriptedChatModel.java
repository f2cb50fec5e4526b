package dev.memkit.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A chat model that plays a script instead of calling an LLM: each turn is a function of the
 * request it receives (so a turn can read the tool results and history the framework sent) to the
 * message the model answers with. Every request is kept for the test to inspect.
 */
final class ScriptedChatModel implements ChatModel {
  private final Deque<Function<ChatRequest, AiMessage>> turns = new ArrayDeque<>();
  final List<ChatRequest> requests = new ArrayList<>();

  /** Adds a turn that answers with {@code message} whatever the request. */
  ScriptedChatModel then(AiMessage message) {
    return then(request -> message);
  }

  /** Adds a turn computed from the request. */
  ScriptedChatModel then(Function<ChatRequest, AiMessage> turn) {
    turns.add(turn);
    return this;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    if (turns.isEmpty()) {
      throw new IllegalStateException("the script has no turn left for " + request.messages());
    }
    return ChatResponse.builder().aiMessage(turns.poll().apply(request)).build();
  }

  /** A tool call the model makes. */
  static ToolExecutionRequest call(String id, String tool, String argumentsJson) {
    return ToolExecutionRequest.builder().id(id).name(tool).arguments(argumentsJson).build();
  }
}
