package dev.memkit.langchain4j;

import static dev.memkit.langchain4j.ScriptedChatModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageType;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.memkit.agent.ToolText;
import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.core.port.in.SearchMemories;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code AiServices} agent, driven by a scripted model, using memkit on a real SQLite file.
 */
class MemkitLangChain4jTest {

  /** The agent's interface, as an application would declare it. */
  interface Assistant {
    String chat(@MemoryId String user, @dev.langchain4j.service.UserMessage String message);
  }

  @TempDir Path dir;

  private String uri() {
    return "sqlite:" + dir.resolve("agent.db");
  }

  private static Assistant assistant(Space space, ScriptedChatModel model) {
    MemkitChatMemoryStore store = MemkitChatMemoryStore.of(space);
    return AiServices.builder(Assistant.class)
        .chatModel(model)
        .tools(MemkitLangChain4jTools.of(space))
        .chatMemoryProvider(
            id ->
                MessageWindowChatMemory.builder()
                    .id(id)
                    .maxMessages(20)
                    .chatMemoryStore(store)
                    .build())
        .build();
  }

  private static String toolResults(ChatRequest request) {
    return request.messages().stream()
        .filter(ToolExecutionResultMessage.class::isInstance)
        .map(
            m ->
                ((ToolExecutionResultMessage) m).toolName()
                    + ": "
                    + ((ToolExecutionResultMessage) m).text())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void anAgentRemembersThroughTheToolsAndItsMemoryOutlivesAReopen() {
    ScriptedChatModel model =
        new ScriptedChatModel()
            .then(
                AiMessage.from(
                    call(
                        "1",
                        "remember",
                        "{\"text\":\"Alice prefers morning meetings\",\"tags\":[\"preference\",\"alice\"]}"),
                    call("2", "set_state", "{\"key\":\"current_phase\",\"value\":\"testing\"}"),
                    call("3", "add_goal", "{\"title\":\"Launch MVP\"}")))
            .then(request -> AiMessage.from("Noted. " + toolResults(request)));
    try (Memkit memkit = Memkit.open(uri())) {
      String answer =
          assistant(memkit.space("agent"), model)
              .chat("alice", "Remember that I prefer morning meetings");

      assertThat(answer)
          .contains("remember: Remembered as memory 1.")
          .contains("set_state: Set current_phase to \"testing\" (version 1).")
          .contains("add_goal: Added goal 1: Launch MVP [new].");
      assertThat(model.requests.get(0).toolSpecifications())
          .extracting(t -> t.name())
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
    }

    ScriptedChatModel next =
        new ScriptedChatModel()
            .then(
                request -> {
                  // the conversation so far came back from the store
                  assertThat(request.messages())
                      .filteredOn(UserMessage.class::isInstance)
                      .hasSize(2);
                  return AiMessage.from(
                      call("4", "search_memories", "{\"query\":\"When does Alice like to meet?\"}"),
                      call(
                          "5",
                          "goal_progress",
                          "{\"goalId\":1,\"status\":\"in_progress\",\"note\":\"Planned the launch\"}"),
                      call("6", "load_context", "{\"maxTokens\":200}"));
                })
            .then(request -> AiMessage.from(toolResults(request)));
    try (Memkit memkit = Memkit.open(uri())) {
      Space space = memkit.space("agent");
      String answer = assistant(space, next).chat("alice", "When do I like to meet?");

      assertThat(answer)
          .contains("search_memories: (1) Alice prefers morning meetings [preference,alice]")
          .contains("goal_progress: Goal 1 (Launch MVP) is in_progress.")
          .contains(
              "load_context: # State:\n- current_phase: testing\n\n# Goals:\n- [in_progress] (1) Launch MVP");
      assertThat(space.goals().find(dev.memkit.core.model.GoalId.of(1)).orElseThrow().status())
          .isEqualTo(GoalStatus.IN_PROGRESS);
      assertThat(MemkitChatMemoryStore.of(space).getMessages("alice"))
          .extracting(ChatMessage::type)
          .containsExactly(
              ChatMessageType.USER,
              ChatMessageType.AI,
              ChatMessageType.TOOL_EXECUTION_RESULT,
              ChatMessageType.TOOL_EXECUTION_RESULT,
              ChatMessageType.TOOL_EXECUTION_RESULT,
              ChatMessageType.AI,
              ChatMessageType.USER,
              ChatMessageType.AI,
              ChatMessageType.TOOL_EXECUTION_RESULT,
              ChatMessageType.TOOL_EXECUTION_RESULT,
              ChatMessageType.TOOL_EXECUTION_RESULT,
              ChatMessageType.AI);
    }
  }

  @Test
  void chatMemoryChangesAreAuditedStateOfTheNamespace() {
    try (Memkit memkit = Memkit.open(uri())) {
      Space space = memkit.space("bot");
      MemkitChatMemoryStore store = MemkitChatMemoryStore.of(space);
      MessageWindowChatMemory memory =
          MessageWindowChatMemory.builder().id(42).maxMessages(3).chatMemoryStore(store).build();
      for (int i = 1; i <= 5; i++) {
        memory.add(UserMessage.from("message " + i));
      }

      assertThat(store.getMessages(42))
          .extracting(m -> ((UserMessage) m).singleText())
          .containsExactly("message 3", "message 4", "message 5");
      assertThat(space.state().get(StateKey.of("conversation.42")).orElseThrow().version())
          .isEqualTo(5);
      List<AuditEntry> audit = space.audit().list(ListAudit.newest(50)).items();
      assertThat(audit).hasSize(5).allSatisfy(e -> assertThat(e.action()).isEqualTo("state.set"));
      assertThat(audit.get(0).diff()).contains("+").contains("message 5");
      assertThat(memkit.space("other").state().list("")).isEmpty();

      memory.clear();
      assertThat(store.getMessages(42)).isEmpty();
      assertThat(space.state().get(StateKey.of("conversation.42"))).isEmpty();
    }
  }

  @Test
  void aTokenWindowKeepsItsWindowAcrossAReopen() {
    TokenCountEstimator words =
        new TokenCountEstimator() {
          @Override
          public int estimateTokenCountInText(String text) {
            return text.split("\\s+").length;
          }

          @Override
          public int estimateTokenCountInMessage(ChatMessage message) {
            return estimateTokenCountInText(((UserMessage) message).singleText());
          }

          @Override
          public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
            int sum = 0;
            for (ChatMessage m : messages) {
              sum += estimateTokenCountInMessage(m);
            }
            return sum;
          }
        };
    String odd = "user with spaces & symbols / ü";
    try (Memkit memkit = Memkit.open(uri())) {
      TokenWindowChatMemory memory =
          TokenWindowChatMemory.builder()
              .id(odd)
              .maxTokens(6, words)
              .chatMemoryStore(MemkitChatMemoryStore.of(memkit.space()))
              .build();
      memory.add(UserMessage.from("one two three"));
      memory.add(UserMessage.from("four five"));
      memory.add(UserMessage.from("six seven"));
    }
    try (Memkit memkit = Memkit.open(uri())) {
      List<ChatMessage> kept = MemkitChatMemoryStore.of(memkit.space()).getMessages(odd);
      assertThat(kept)
          .extracting(m -> ((UserMessage) m).singleText())
          .containsExactly("four five", "six seven");
      assertThat(memkit.space().state().list("conversation-sha256."))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(((JsonValue.JsonObject) e.value()).string("conversation_id"))
                      .contains(odd));
    }
  }

  @Test
  void aToolGivenBadInputTellsTheModelTheRuleAndChangesNothing() {
    ScriptedChatModel model =
        new ScriptedChatModel()
            .then(
                AiMessage.from(
                    call("1", "set_state", "{\"key\":\"has space\",\"value\":\"x\"}"),
                    call("2", "goal_progress", "{\"goalId\":7,\"status\":\"done\"}"),
                    call("3", "remember", "{\"text\":\"ok\",\"tags\":[\"not a tag\"]}")))
            .then(request -> AiMessage.from(toolResults(request)));
    try (Memkit memkit = Memkit.open(uri())) {
      Space space = memkit.space();
      String answer = assistant(space, model).chat("bob", "break things");

      assertThat(answer)
          .contains("set_state: key must match")
          .contains("goal_progress: ")
          .contains("7")
          .contains("remember: tags each tag must match");
      assertThat(space.state().list(""))
          .extracting(e -> e.key().value())
          .containsExactly("conversation.bob");
      assertThat(space.memories().search(SearchMemories.of("ok"))).isEmpty();
    }
  }

  @Test
  void theRetrieverReturnsSearchHitsBestFirstAndAugmentsTheUserMessage() {
    try (Memkit memkit = Memkit.open(uri())) {
      Space space = memkit.space();
      space
          .memories()
          .add(AddMemory.of("Deployed v1.2 of the billing service").withTags("deploy", "v1.2"));
      space.memories().add(AddMemory.of("Lunch was pasta"));
      space.memories().add(AddMemory.of("Deploy freeze starts on Friday").withTags("deploy"));
      MemkitContentRetriever retriever = MemkitContentRetriever.of(space).withMaxResults(2);

      List<Content> contents =
          retriever.retrieve(Query.from("When did we deploy the billing service?"));
      List<SearchHit> hits =
          space
              .memories()
              .search(SearchMemories.of("When did we deploy the billing service?").withLimit(2));
      assertThat(contents)
          .extracting(c -> c.textSegment().text())
          .containsExactlyElementsOf(hits.stream().map(h -> h.memory().text()).toList());
      assertThat(contents.get(0).textSegment().text())
          .isEqualTo("Deployed v1.2 of the billing service");
      assertThat(contents.get(0).textSegment().metadata().getLong("memory_id")).isEqualTo(1L);
      assertThat(contents.get(0).textSegment().metadata().getString("tags"))
          .isEqualTo("deploy,v1.2");
      assertThat(contents.get(0).metadata().get(ContentMetadata.SCORE))
          .isEqualTo(hits.get(0).score());
      assertThat(retriever.retrieve(Query.from("\"(OR *"))).isEmpty();

      ScriptedChatModel model =
          new ScriptedChatModel()
              .then(
                  request ->
                      AiMessage.from(
                          ((UserMessage) request.messages().get(request.messages().size() - 1))
                              .singleText()));
      interface Rag {
        String ask(String question);
      }
      Rag rag = AiServices.builder(Rag.class).chatModel(model).contentRetriever(retriever).build();
      assertThat(rag.ask("What happened to the billing service?"))
          .contains("What happened to the billing service?")
          .contains("Deployed v1.2 of the billing service");
    }
  }
}
