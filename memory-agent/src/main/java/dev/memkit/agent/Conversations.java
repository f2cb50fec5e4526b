package dev.memkit.agent;

import dev.memkit.core.Space;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonArray;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.DeleteState;
import dev.memkit.jackson.JsonText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The messages of chat conversations, kept as state entries of one namespace, so they are durable,
 * audited with a diff on every change, backed up and exported like any other state.
 *
 * <p>A conversation is one state entry {@code {"conversation_id": id, "messages": [...]}} under the
 * key {@code conversation.<id>} when the id is a short plain name ({@code [A-Za-z0-9_.:-]{1,100}}),
 * else {@code conversation-sha256.<hex>} of its SHA-256. The messages are whatever JSON the
 * framework writes for them. Like every state value the entry holds at most 64 KiB; a longer
 * history is refused with a {@link dev.memkit.core.error.ValidationException} (a window memory that
 * keeps the last few messages stays far below it).
 */
public final class Conversations {
  /** Prefix of the state keys of conversations with plain ids. */
  public static final String PREFIX = "conversation.";

  /** Prefix of the state keys of conversations whose id is hashed. */
  public static final String HASHED_PREFIX = "conversation-sha256.";

  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
  private static final String ID = "conversation_id";
  private static final String MESSAGES = "messages";

  private final Space space;

  private Conversations(Space space) {
    this.space = Objects.requireNonNull(space, "space");
  }

  /** The conversations of {@code space}'s namespace. */
  public static Conversations of(Space space) {
    return new Conversations(space);
  }

  /** The messages of conversation {@code id}, oldest first; empty when it has none. */
  public List<JsonValue> load(String id) {
    return space
        .state()
        .get(key(id))
        .flatMap(e -> e.value() instanceof JsonObject o ? o.get(MESSAGES) : Optional.empty())
        .filter(JsonArray.class::isInstance)
        .map(v -> ((JsonArray) v).values())
        .orElse(List.of());
  }

  /** Replaces the messages of conversation {@code id}; an empty list deletes the conversation. */
  public void save(String id, List<? extends JsonValue> messages) {
    Objects.requireNonNull(messages, "messages");
    if (messages.isEmpty()) {
      delete(id);
      return;
    }
    JsonObject value =
        JsonValue.objectBuilder()
            .put(ID, JsonValue.of(id))
            .put(MESSAGES, JsonValue.array(messages))
            .build();
    space.state().set(key(id), value);
  }

  /**
   * The messages of conversation {@code id} as the compact JSON text of an array ({@code []} when
   * none).
   */
  public String loadJson(String id) {
    return JsonValue.array(load(id)).toJson();
  }

  /**
   * Replaces the messages of conversation {@code id} with those of {@code jsonArray}, the JSON text
   * of an array as a framework's message serializer writes it.
   *
   * @throws dev.memkit.core.error.ValidationException when the text is not a JSON array
   */
  public void saveJson(String id, String jsonArray) {
    JsonValue value = JsonText.parse(Limits.required(jsonArray, MESSAGES), MESSAGES);
    if (!(value instanceof JsonArray array)) {
      throw new ValidationException(MESSAGES, "must be a JSON array");
    }
    save(id, array.values());
  }

  /** Deletes conversation {@code id}; nothing happens when it has no messages. */
  public void delete(String id) {
    StateKey key = key(id);
    if (space.state().get(key).isPresent()) {
      space.state().delete(new DeleteState(key, OptionalLong.empty()));
    }
  }

  /** The ids of every conversation with messages, in key order. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (String prefix : List.of(PREFIX, HASHED_PREFIX)) {
      for (StateEntry entry : space.state().list(prefix)) {
        if (entry.value() instanceof JsonObject o) {
          o.string(ID).ifPresent(ids::add);
        }
      }
    }
    return ids;
  }

  /**
   * The state key of conversation {@code id}.
   *
   * @throws dev.memkit.core.error.ValidationException when the id is blank or over 1,024 characters
   */
  public static StateKey key(String id) {
    Limits.text(id, "conversation_id", 1024);
    if (PLAIN_ID.matcher(id).matches()) {
      return StateKey.of(PREFIX + id);
    }
    return StateKey.of(HASHED_PREFIX + sha256(id));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
