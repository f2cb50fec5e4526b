package dev.memkit.springai;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonArray;
import dev.memkit.core.json.JsonValue.JsonObject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * Spring AI messages as JSON and back: {@code {"type":"user|assistant|system|tool","text",
 * "metadata", "tool_calls"|"responses"}}. Metadata keeps its string, number and boolean values
 * (other values, and media, are not kept: they do not survive a round trip through JSON).
 */
final class MessageJson {
  private MessageJson() {}

  static JsonValue write(Message message) {
    JsonValue.ObjectBuilder out =
        JsonValue.objectBuilder().put("type", message.getMessageType().getValue());
    if (message.getText() != null) {
      out.put("text", message.getText());
    }
    out.put("metadata", metadata(message.getMetadata()));
    if (message instanceof AssistantMessage assistant && assistant.hasToolCalls()) {
      out.put(
          "tool_calls",
          JsonValue.array(
              assistant.getToolCalls().stream()
                  .map(
                      c ->
                          (JsonValue)
                              JsonValue.objectBuilder()
                                  .put("id", c.id())
                                  .put("type", c.type())
                                  .put("name", c.name())
                                  .put("arguments", c.arguments())
                                  .build())
                  .toList()));
    }
    if (message instanceof ToolResponseMessage tool) {
      out.put(
          "responses",
          JsonValue.array(
              tool.getResponses().stream()
                  .map(
                      r ->
                          (JsonValue)
                              JsonValue.objectBuilder()
                                  .put("id", r.id())
                                  .put("name", r.name())
                                  .put("response_data", r.responseData())
                                  .build())
                  .toList()));
    }
    return out.build();
  }

  static Message read(JsonValue value) {
    if (!(value instanceof JsonObject o)) {
      throw new ValidationException("messages", "each message must be a JSON object");
    }
    String text = o.string("text").orElse("");
    Map<String, Object> metadata =
        metadata(
            o.get("metadata")
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .orElse(JsonValue.emptyObject()));
    return switch (o.string("type").orElse("")) {
      case "user" -> UserMessage.builder().text(text).metadata(metadata).build();
      case "system" -> SystemMessage.builder().text(text).metadata(metadata).build();
      case "assistant" ->
          AssistantMessage.builder()
              .content(text)
              .properties(metadata)
              .toolCalls(
                  objects(o, "tool_calls").stream()
                      .map(
                          c ->
                              new AssistantMessage.ToolCall(
                                  s(c, "id"), s(c, "type"), s(c, "name"), s(c, "arguments")))
                      .toList())
              .build();
      case "tool" ->
          ToolResponseMessage.builder()
              .metadata(metadata)
              .responses(
                  objects(o, "responses").stream()
                      .map(
                          r ->
                              new ToolResponseMessage.ToolResponse(
                                  s(r, "id"), s(r, "name"), s(r, "response_data")))
                      .toList())
              .build();
      default ->
          throw new ValidationException(
              "messages", "each message must have a type user, assistant, system or tool");
    };
  }

  private static JsonObject metadata(Map<String, Object> metadata) {
    JsonValue.ObjectBuilder out = JsonValue.objectBuilder();
    metadata.forEach(
        (name, value) -> {
          if (AbstractMessage.MESSAGE_TYPE.equals(name)) {
            return;
          }
          if (value instanceof String s) {
            out.put(name, s);
          } else if (value instanceof Boolean b) {
            out.put(name, b);
          } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            out.put(name, ((Number) value).longValue());
          } else if (value instanceof Double d && Double.isFinite(d)) {
            out.put(name, JsonValue.of(d));
          } else if (value instanceof BigDecimal d) {
            out.put(name, JsonValue.of(d));
          }
        });
    return out.build();
  }

  private static Map<String, Object> metadata(JsonObject o) {
    Map<String, Object> out = new LinkedHashMap<>();
    o.members()
        .forEach(
            (name, value) -> {
              if (value instanceof JsonValue.JsonString s) {
                out.put(name, s.value());
              } else if (value instanceof JsonValue.JsonBoolean b) {
                out.put(name, b.value());
              } else if (value instanceof JsonValue.JsonNumber n) {
                BigDecimal d = n.value();
                out.put(
                    name,
                    d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                        ? (Object) d.longValueExact()
                        : d.doubleValue());
              }
            });
    return out;
  }

  private static List<JsonObject> objects(JsonObject o, String name) {
    return o.get(name)
        .filter(JsonArray.class::isInstance)
        .map(
            a ->
                ((JsonArray) a)
                    .values().stream()
                        .filter(JsonObject.class::isInstance)
                        .map(JsonObject.class::cast)
                        .toList())
        .orElse(List.of());
  }

  private static String s(JsonObject o, String name) {
    return o.string(name).orElse("");
  }
}
