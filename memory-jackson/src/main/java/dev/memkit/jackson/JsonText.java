package dev.memkit.jackson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to the core's {@link JsonValue} and back, with Jackson's streaming parser.
 *
 * <p>Parsing is strict: one value, no trailing content, no duplicate member names, nesting at most
 * {@link Limits#JSON_MAX_DEPTH} deep, invalid UTF-8 (overlong forms included, see {@link
 * StrictUtf8}) rejected, numbers read as {@link java.math.BigDecimal} so every digit is kept. Every
 * failure is a {@link ValidationException} naming the field given by the caller, so bad input reads
 * as bad input wherever it came from.
 */
public final class JsonText {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .inputDecorator(StrictUtf8.DECORATOR)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(Limits.JSON_MAX_DEPTH + 1)
                  .maxNumberLength(1000)
                  .build())
          .build();

  private JsonText() {}

  /** Parses {@code text} as one JSON value; {@code field} names it in errors. */
  public static JsonValue parse(String text, String field) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      return parseAll(parser, field);
    } catch (IOException e) {
      throw invalid(field, e);
    }
  }

  /** Parses UTF-8 {@code bytes} as one JSON value; {@code field} names it in errors. */
  public static JsonValue parse(byte[] bytes, String field) {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      return parseAll(parser, field);
    } catch (IOException e) {
      throw invalid(field, e);
    }
  }

  /** Parses one JSON value from {@code in} (UTF-8), which is read to its end but not closed. */
  public static JsonValue parse(InputStream in, String field) {
    try {
      JsonParser parser = FACTORY.createParser(in);
      return parseAll(parser, field);
    } catch (IOException e) {
      throw invalid(field, e);
    }
  }

  /** Compact JSON text of {@code value}. */
  public static String write(JsonValue value) {
    return JsonWriter.compact(value);
  }

  /** Pretty JSON text of {@code value}, two-space indented. */
  public static String writePretty(JsonValue value) {
    return JsonWriter.pretty(value);
  }

  private static JsonValue parseAll(JsonParser parser, String field) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new ValidationException(field, "must be JSON, got nothing");
    }
    JsonValue value = readValue(parser, first);
    if (parser.nextToken() != null) {
      throw new ValidationException(field, "must be one JSON value, with nothing after it");
    }
    return value;
  }

  /**
   * Reads the value that starts at {@code token} from {@code parser}, leaving the parser on the
   * value's last token: for callers that stream a larger document with a parser of their own (whose
   * factory sets their own limits) and turn parts of it into values.
   *
   * @throws IOException when the JSON is malformed or ends early
   */
  public static JsonValue readValue(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new JsonParseException(parser, "unexpected end of input");
    }
    switch (token) {
      case START_OBJECT:
        {
          Map<String, JsonValue> members = new LinkedHashMap<>();
          JsonToken t;
          while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            members.put(name, readValue(parser, parser.nextToken()));
          }
          if (t != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected " + t);
          }
          return JsonValue.object(members);
        }
      case START_ARRAY:
        {
          List<JsonValue> values = new ArrayList<>();
          JsonToken t;
          while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            values.add(readValue(parser, t));
          }
          return JsonValue.array(values);
        }
      case VALUE_STRING:
        return JsonValue.of(parser.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return JsonValue.of(parser.getDecimalValue());
      case VALUE_TRUE:
        return JsonValue.TRUE;
      case VALUE_FALSE:
        return JsonValue.FALSE;
      case VALUE_NULL:
        return JsonValue.NULL;
      default:
        throw new JsonParseException(parser, "unexpected " + token);
    }
  }

  private static ValidationException invalid(String field, IOException e) {
    if (e instanceof StreamConstraintsException) {
      return new ValidationException(
          field, "must nest at most " + Limits.JSON_MAX_DEPTH + " levels");
    }
    if (e instanceof java.io.CharConversionException) {
      return new ValidationException(field, "must be valid UTF-8: " + e.getMessage());
    }
    String message = e.getMessage() == null ? "malformed" : e.getMessage();
    int cut = message.indexOf("\n at [Source");
    if (cut >= 0) {
      message = message.substring(0, cut);
    }
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    if (message.length() > 200) {
      message = message.substring(0, 200) + "…";
    }
    return new ValidationException(field, "must be valid JSON: " + message);
  }
}
