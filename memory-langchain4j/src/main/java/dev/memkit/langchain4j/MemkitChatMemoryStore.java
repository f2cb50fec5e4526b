package dev.memkit.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.memkit.agent.Conversations;
import dev.memkit.core.Space;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link ChatMemoryStore} that keeps each chat memory's messages in a memkit
 * namespace, for {@code MessageWindowChatMemory} and {@code TokenWindowChatMemory}:
 *
 * <pre>{@code
 * ChatMemoryStore store = MemkitChatMemoryStore.of(memkit.space("support-bot"));
 * ChatMemory memory = MessageWindowChatMemory.builder().id(userId).maxMessages(20).chatMemoryStore(store).build();
 * }</pre>
 *
 * <p>The messages of memory id {@code id} (its {@code toString()}) are one state entry, written in
 * LangChain4j's own message JSON ({@link ChatMessageSerializer}), as {@link Conversations}
 * describes: durable when a call returns, audited with a diff, backed up and exported with the rest
 * of the namespace. A history over 64 KiB of JSON is refused with a {@link
 * dev.memkit.core.error.ValidationException}.
 */
public final class MemkitChatMemoryStore implements ChatMemoryStore {
  private final Conversations conversations;

  private MemkitChatMemoryStore(Conversations conversations) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
  }

  /** A store keeping chat memories in {@code space}'s namespace. */
  public static MemkitChatMemoryStore of(Space space) {
    return new MemkitChatMemoryStore(Conversations.of(space));
  }

  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    return ChatMessageDeserializer.messagesFromJson(conversations.loadJson(id(memoryId)));
  }

  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    conversations.saveJson(id(memoryId), ChatMessageSerializer.messagesToJson(messages));
  }

  @Override
  public void deleteMessages(Object memoryId) {
    conversations.delete(id(memoryId));
  }

  private static String id(Object memoryId) {
    return String.valueOf(Objects.requireNonNull(memoryId, "memoryId"));
  }
}
