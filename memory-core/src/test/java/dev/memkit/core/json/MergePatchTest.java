package dev.memkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The test cases of RFC 7386, Appendix A. */
class MergePatchTest {

  static Stream<Arguments> rfc7386AppendixA() {
    JsonValue ab = o("a", s("b"));
    return Stream.of(
        Arguments.of(ab, o("a", s("c")), o("a", s("c"))),
        Arguments.of(ab, o("b", s("c")), o("a", s("b"), "b", s("c"))),
        Arguments.of(ab, o("a", JsonValue.NULL), o()),
        Arguments.of(o("a", s("b"), "b", s("c")), o("a", JsonValue.NULL), o("b", s("c"))),
        Arguments.of(o("a", JsonValue.array(s("b"))), o("a", s("c")), o("a", s("c"))),
        Arguments.of(
            o("a", s("c")), o("a", JsonValue.array(s("b"))), o("a", JsonValue.array(s("b")))),
        Arguments.of(
            o("a", o("b", s("c"))),
            o("a", o("b", s("d"), "c", JsonValue.NULL)),
            o("a", o("b", s("d")))),
        Arguments.of(
            o("a", JsonValue.array(o("b", s("c")))),
            o("a", JsonValue.array(JsonValue.of(1))),
            o("a", JsonValue.array(JsonValue.of(1)))),
        Arguments.of(
            JsonValue.array(s("a"), s("b")),
            JsonValue.array(s("c"), s("d")),
            JsonValue.array(s("c"), s("d"))),
        Arguments.of(ab, JsonValue.array(s("c")), JsonValue.array(s("c"))),
        Arguments.of(ab, JsonValue.NULL, JsonValue.NULL),
        Arguments.of(ab, s("bar"), s("bar")),
        Arguments.of(
            o("e", JsonValue.NULL),
            o("a", JsonValue.of(1)),
            o("e", JsonValue.NULL, "a", JsonValue.of(1))),
        Arguments.of(
            JsonValue.array(s("a"), s("b")), o("a", s("b"), "c", JsonValue.NULL), o("a", s("b"))),
        Arguments.of(o(), o("a", o("bb", o("ccc", JsonValue.NULL))), o("a", o("bb", o()))));
  }

  @ParameterizedTest
  @MethodSource("rfc7386AppendixA")
  void appliesEveryExampleOfTheRfc(JsonValue target, JsonValue patch, JsonValue expected) {
    assertThat(MergePatch.apply(target, patch)).isEqualTo(expected);
  }

  private static JsonValue s(String v) {
    return JsonValue.of(v);
  }

  private static JsonValue o(Object... pairs) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (JsonValue) pairs[i + 1]);
    }
    return JsonValue.object(m);
  }
}
