package dev.memkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  private static final JsonValue SAMPLE =
      JsonValue.objectBuilder()
          .put("b", "x\"y\\z\n\t\u0001é😀")
          .put(
              "a",
              JsonValue.array(
                  JsonValue.of(1),
                  JsonValue.of(new BigDecimal("2.50")),
                  JsonValue.TRUE,
                  JsonValue.NULL))
          .put("e", JsonValue.emptyObject())
          .put("f", JsonValue.array())
          .build();

  @Test
  void compactOutputKeepsMemberOrderAndEscapesPerRfc8259() {
    assertThat(JsonWriter.compact(SAMPLE))
        .isEqualTo(
            "{\"b\":\"x\\\"y\\\\z\\n\\t\\u0001é😀\",\"a\":[1,2.50,true,null],\"e\":{},\"f\":[]}");
  }

  @Test
  void prettyOutputIndentsByTwoSpaces() {
    assertThat(JsonWriter.pretty(SAMPLE))
        .isEqualTo(
            """
        {
          "b": "x\\"y\\\\z\\n\\t\\u0001é😀",
          "a": [
            1,
            2.50,
            true,
            null
          ],
          "e": {},
          "f": []
        }""");
  }

  @Test
  void sizeIsMeasuredInUtf8BytesOfTheCompactForm() {
    assertThat(JsonWriter.utf8Size(JsonValue.of("é"))).isEqualTo(4);
    assertThat(JsonWriter.utf8Size(JsonValue.of("😀"))).isEqualTo(6);
  }

  @Test
  void lineSeparatorsAreEscapedSoTheOutputIsValidJavaScriptToo() {
    assertThat(JsonWriter.compact(JsonValue.of("a\u2028b"))).isEqualTo("\"a\\u2028b\"");
  }
}
