package dev.memkit.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.memkit.core.json.JsonValue;
import java.io.IOException;
import java.util.Map;

/**
 * A Jackson module that writes and reads the core's {@link JsonValue} as plain JSON, so a DTO can
 * hold one (a state value, metadata, an export document) and an {@code ObjectMapper} handles it.
 */
public final class JsonValueModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** Registers the serializer and deserializer of {@link JsonValue}. */
  public JsonValueModule() {
    super("memkit-json-value");
    addSerializer(JsonValue.class, new Writer());
    addDeserializer(JsonValue.class, new Reader());
  }

  /** Writes a {@link JsonValue} through a {@link JsonGenerator}. */
  public static void write(JsonValue value, JsonGenerator gen) throws IOException {
    if (value instanceof JsonValue.JsonNull) {
      gen.writeNull();
    } else if (value instanceof JsonValue.JsonBoolean b) {
      gen.writeBoolean(b.value());
    } else if (value instanceof JsonValue.JsonNumber n) {
      gen.writeNumber(n.value());
    } else if (value instanceof JsonValue.JsonString s) {
      gen.writeString(s.value());
    } else if (value instanceof JsonValue.JsonArray a) {
      gen.writeStartArray();
      for (JsonValue v : a.values()) {
        write(v, gen);
      }
      gen.writeEndArray();
    } else {
      gen.writeStartObject();
      for (Map.Entry<String, JsonValue> m : ((JsonValue.JsonObject) value).members().entrySet()) {
        gen.writeFieldName(m.getKey());
        write(m.getValue(), gen);
      }
      gen.writeEndObject();
    }
  }

  /**
   * Reads the value at {@code p}'s current token straight from the stream: numbers as {@link
   * java.math.BigDecimal} with every digit, never through a {@code double}.
   */
  public static JsonValue read(JsonParser p) throws IOException {
    return JsonText.readValue(p, p.currentToken());
  }

  private static final class Writer extends JsonSerializer<JsonValue> {
    @Override
    public void serialize(JsonValue value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      write(value, gen);
    }
  }

  private static final class Reader extends JsonDeserializer<JsonValue> {
    @Override
    public JsonValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return read(p);
    }

    /** An explicit JSON {@code null} is a value: for a merge patch it means "remove". */
    @Override
    public JsonValue getNullValue(DeserializationContext ctxt) {
      return JsonValue.NULL;
    }

    /** An absent member is no value at all, so a record can tell "absent" from "null". */
    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }
  }
}
