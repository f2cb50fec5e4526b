package dev.memkit.springai;

import dev.memkit.agent.Conversations;
import dev.memkit.core.Space;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

/**
 * A Spring AI {@link ChatMemoryRepository} that keeps each conversation's messages in a memkit
 * namespace, for {@code MessageWindowChatMemory}:
 *
 * <pre>{@code
 * ChatMemory memory = MessageWindowChatMemory.builder()
 *     .chatMemoryRepository(new MemkitChatMemoryRepository(memkit.space("support-bot"))).build();
 * }</pre>
 *
 * <p>A conversation is one state entry, as {@link Conversations} describes: durable when a call
 * returns, audited with a diff, backed up and exported with the rest of the namespace. Each message
 * keeps its type, text, tool calls or tool responses, and the string, number and boolean values of
 * its metadata. A history over 64 KiB of JSON is refused with a {@link
 * dev.memkit.core.error.ValidationException}.
 */
public final class MemkitChatMemoryRepository implements ChatMemoryRepository {
  private final Conversations conversations;

  /** A repository keeping conversations in {@code space}'s namespace. */
  public MemkitChatMemoryRepository(Space space) {
    this.conversations = Conversations.of(Objects.requireNonNull(space, "space"));
  }

  @Override
  public List<String> findConversationIds() {
    return conversations.ids();
  }

  @Override
  public List<Message> findByConversationId(String conversationId) {
    return conversations.load(conversationId).stream().map(MessageJson::read).toList();
  }

  @Override
  public void saveAll(String conversationId, List<Message> messages) {
    Objects.requireNonNull(messages, "messages");
    conversations.save(conversationId, messages.stream().map(MessageJson::write).toList());
  }

  @Override
  public void deleteByConversationId(String conversationId) {
    conversations.delete(conversationId);
  }
}
