package dev.memkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void parsesAndWritesBackTheSameText() {
    String text = "{\"b\":1,\"a\":[true,false,null,\"x\\n\\u00e9\",1.50,-2E+3],\"c\":{}}";
    JsonValue value = JsonText.parse(text, "value");
    assertThat(JsonText.write(value))
        .isEqualTo("{\"b\":1,\"a\":[true,false,null,\"x\\né\",1.50,-2E+3],\"c\":{}}");
    assertThat(JsonText.parse(JsonText.write(value), "value")).isEqualTo(value);
  }

  @Test
  void rejectsMalformedJsonNamingTheField() {
    assertThatThrownBy(() -> JsonText.parse("{\"a\":", "value"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("value"));
    assertThatThrownBy(() -> JsonText.parse("", "body")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> JsonText.parse("1 2", "body"))
        .hasMessageContaining("nothing after it");
  }

  @Test
  void rejectsDuplicateMembers() {
    assertThatThrownBy(() -> JsonText.parse("{\"a\":1,\"a\":2}", "value"))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void rejectsDeepNesting() {
    String deep = "[".repeat(200) + "]".repeat(200);
    assertThatThrownBy(() -> JsonText.parse(deep, "value"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("nest");
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] bytes = "{\"a\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    bytes[6] = (byte) 0xC3; // a lead byte followed by a quote: not UTF-8
    assertThatThrownBy(() -> JsonText.parse(bytes, "body")).isInstanceOf(ValidationException.class);
  }

  record Patch(JsonValue dueAt, JsonValue title) {}

  @Test
  void databindTellsAnAbsentMemberFromAnExplicitNull() throws Exception {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JsonValueModule())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    Patch patch = mapper.readValue("{\"dueAt\":null}", Patch.class);
    assertThat(patch.dueAt()).isEqualTo(JsonValue.NULL);
    assertThat(patch.title()).isNull();
    assertThat(mapper.readValue("{\"title\":\"x\"}", Patch.class).title())
        .isEqualTo(JsonValue.of("x"));
  }

  @Test
  void databindModuleRoundTripsValues() throws Exception {
    ObjectMapper mapper = new ObjectMapper().registerModule(new JsonValueModule());
    JsonValue value = JsonText.parse("{\"k\":[1,\"two\",{\"three\":3.0}]}", "value");
    String written = mapper.writeValueAsString(value);
    assertThat(written).isEqualTo("{\"k\":[1,\"two\",{\"three\":3.0}]}");
    assertThat(mapper.readValue(written, JsonValue.class)).isEqualTo(value);
  }
}
