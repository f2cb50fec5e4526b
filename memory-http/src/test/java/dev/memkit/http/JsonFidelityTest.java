package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON value the API accepts is stored exactly as sent (numbers keep every digit and their
 * magnitude), and text that is not valid Unicode (an unpaired surrogate escape, invalid or overlong
 * UTF-8) is refused with a 400 naming the field, the same way in every body.
 */
class JsonFidelityTest {
  @TempDir static Path dir;
  static TestServer http;

  @BeforeAll
  static void start() {
    http = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  private static String valueOf(String key) {
    TestServer.Reply r = http.get("/v1/state/" + key);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String body = r.body();
    int at = body.indexOf("\"value\":") + "\"value\":".length();
    return body.substring(at, body.indexOf(",\"version\"", at));
  }

  @Test
  void numbersBeyondADoubleAreStoredExactly() {
    String[][] cases = {
      {"huge", "1e999", "1E+999"},
      {"tiny", "1e-400", "1E-400"},
      {
        "long",
        "123456789012345678901234567890.123456789",
        "123456789012345678901234567890.123456789"
      },
      {"negative", "-0.000000000000000000000000000000000000000001", "-1E-42"},
    };
    for (String[] c : cases) {
      assertThat(http.put("/v1/state/" + c[0], "{\"value\":" + c[1] + "}").status()).isEqualTo(200);
      assertThat(valueOf(c[0])).as(c[1]).isEqualTo(c[2]);
      assertThat(new java.math.BigDecimal(valueOf(c[0])))
          .isEqualByComparingTo(new java.math.BigDecimal(c[1]));
    }
    assertThat(
            http.post("/state/set", "{\"key\":\"seed-huge\",\"value\":[1e999,{\"a\":1e-400}]}")
                .status())
        .isEqualTo(200);
    assertThat(valueOf("seed-huge")).isEqualTo("[1E+999,{\"a\":1E-400}]");
  }

  @Test
  void metadataNumbersAreStoredExactly() {
    TestServer.Reply added =
        http.post(
            "/v1/memories",
            "{\"text\":\"exact numbers\",\"metadata\":{\"n\":1e999,"
                + "\"d\":123456789012345678901234567890.123456789}}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    JsonNode memory = V1ApiTest.json(added);
    String id = memory.get("id").asText();
    String body = http.get("/v1/memories/" + id).body();
    assertThat(body)
        .contains("\"n\":1E+999")
        .contains("\"d\":123456789012345678901234567890.123456789")
        .doesNotContain("Infinity");
  }

  @Test
  void anUnpairedSurrogateIsRefusedInEveryValue() {
    ErrorsTest.problem(http.put("/v1/state/s", "{\"value\":\"\\ud800\"}"), 400);
    TestServer.Reply r = http.put("/v1/state/s", "{\"value\":{\"a\":[\"x\\udc00y\"]}}");
    JsonNode p = ErrorsTest.problem(r, 400);
    assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("value");
    assertThat(p.get("errors").get(0).get("rule").asText()).contains("unpaired surrogate");
    ErrorsTest.problem(http.put("/v1/state/s", "{\"value\":{\"\\ud800\":1}}"), 400);
    JsonNode m =
        ErrorsTest.problem(
            http.post("/v1/memories", "{\"text\":\"ok\",\"metadata\":{\"a\":\"\\ud800\"}}"), 400);
    assertThat(m.get("errors").get(0).get("field").asText()).isEqualTo("metadata");
    ErrorsTest.problem(http.post("/state/set", "{\"key\":\"s\",\"value\":\"\\ud800\"}"), 400);
    assertThat(http.get("/v1/state/s").status()).isEqualTo(404);
  }

  private static byte[] bytes(String before, int[] raw, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    for (int b : raw) {
      out.write(b);
    }
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void overlongAndInvalidUtf8IsRefusedInEveryBody() {
    int[][] bad = {
      {0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0xF8, 0x88, 0x80, 0x80, 0x80}
    };
    for (int[] raw : bad) {
      TestServer.Reply value =
          http.sendBytes(
              "PUT", "/v1/state/u", bytes("{\"value\":\"a", raw, "b\"}"), "application/json");
      ErrorsTest.problem(value, 400);
      assertThat(value.body()).contains("UTF-8");
      ErrorsTest.problem(
          http.sendBytes(
              "POST", "/v1/memories", bytes("{\"text\":\"a", raw, "b\"}"), "application/json"),
          400);
      ErrorsTest.problem(
          http.sendBytes(
              "POST",
              "/memory/add",
              bytes("{\"event\":\"a", raw, "b\",\"tags\":[]}"),
              "application/json"),
          400);
      ErrorsTest.problem(
          http.sendBytes(
              "POST",
              "/v1/import",
              bytes(
                  "{\"format\":\"memkit-export\",\"version\":1,"
                      + "\"namespaces\":[{\"namespace\":\"u\",\"state\":[{\"key\":\"k\",\"value\":\"a",
                  raw,
                  "\",\"version\":1,\"updated_at\":\"2026-11-21T07:00:00Z\"}]}]}"),
              "application/json"),
          400);
    }
    assertThat(http.get("/v1/state/u").status()).isEqualTo(404);
    assertThat(http.get("/v1/state/k?namespace=u").status()).isEqualTo(404);
    assertThat(http.get("/v1/memories/search?q=ab").body()).doesNotContain("a/b");
  }
}
