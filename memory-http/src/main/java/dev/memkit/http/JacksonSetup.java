package dev.memkit.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.ConstructorDetector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Limits;
import dev.memkit.jackson.JsonValueModule;
import dev.memkit.jackson.StrictUtf8;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Makes Micronaut's {@link ObjectMapper} read request bodies strictly: snake_case members, the
 * core's {@code JsonValue} through {@link JsonValueModule}, no duplicate members, no trailing
 * content, no number where text belongs, no fraction where a whole number belongs (a whole number
 * in a string is read as the seed read it), nesting at most {@link Limits#JSON_MAX_DEPTH} deep,
 * numbers with every digit ({@code BigDecimal}), bytes that are strict UTF-8 ({@link StrictUtf8}).
 */
@Singleton
final class JacksonSetup implements BeanCreatedEventListener<ObjectMapper> {
  @Override
  @SuppressWarnings("deprecation")
  public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
    ObjectMapper mapper = event.getBean();
    configure(mapper);
    return mapper;
  }

  @SuppressWarnings("deprecation")
  static ObjectMapper configure(ObjectMapper mapper) {
    mapper.registerModule(new JsonValueModule());
    mapper.registerModule(
        new SimpleModule("memkit-http-json-value")
            .addDeserializer(JsonValue.class, new AbsentAsNull()));
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    // a one-member body such as {"goal": "…"} is still an object: never read "…" as the whole body
    mapper.setConstructorDetector(ConstructorDetector.USE_PROPERTIES_BASED);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    mapper.disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
    mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    // a number buffered on its way to a value keeps every digit; bytes must be strict UTF-8
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    mapper.getFactory().setInputDecorator(StrictUtf8.DECORATOR);
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(Limits.JSON_MAX_DEPTH + 2)
                .maxNumberLength(1000)
                .build());
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // the seed accepted "goal_id": "1"; a number in a string stays a number, nothing else is
    // coerced
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Collection)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    return mapper;
  }

  /**
   * Reads a {@link JsonValue} as {@link JsonValueModule} does, but leaves an <em>absent</em> member
   * {@code null} so it differs from an explicit JSON {@code null} ({@code "due_at": null} clears a
   * due time; no {@code due_at} leaves it).
   */
  static final class AbsentAsNull extends JsonDeserializer<JsonValue> {
    @Override
    public JsonValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return JsonValueModule.read(p);
    }

    @Override
    public JsonValue getNullValue(DeserializationContext ctxt) {
      return JsonValue.NULL;
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }
  }
}
