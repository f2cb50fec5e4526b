package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of generated malformed requests across every route: each gets a 4xx problem document,
 * and the store's export afterwards is the export before (audit included: nothing was written).
 */
class MalformedRequestsTest {
  @TempDir static Path dir;
  static TestServer http;

  record Bad(String method, String path, byte[] body, String contentType) {
    static Bad json(String method, String path, String body) {
      return new Bad(method, path, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }
  }

  @BeforeAll
  static void start() {
    http = TestServer.start(dir);
    http.post("/state/set", "{\"key\":\"current_phase\",\"value\":\"testing\"}");
    http.post("/memory/add", "{\"event\":\"Deployed v1.2\",\"tags\":[\"deploy\",\"v1.2\"]}");
    http.post("/goals/add", "{\"goal\":\"Launch MVP\"}");
    http.put("/v1/state/doc", "{\"value\":{\"a\":1}}");
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  /** Values of every wrong kind for a member that wants {@code kind}. */
  static List<String> wrongValues(String kind) {
    List<String> v =
        new ArrayList<>(
            List.of(
                "null",
                "true",
                "[]",
                "{}",
                "[1,2]",
                "{\"a\":1}",
                "-1",
                "1.5",
                "1e999",
                "\"\"",
                "\"   \"",
                "\"" + "x".repeat(40_000) + "\"",
                "\"\\ud800\"",
                "\"a\\nb\""));
    if (kind.equals("string")) {
      v.removeIf(s -> s.equals("\"a\\nb\""));
      v.add("0");
    }
    if (kind.equals("tags")) {
      v.addAll(
          List.of(
              "[\"a b\"]",
              "[\"x\",\"X\"]",
              "[1]",
              "[null]",
              "[\"" + "t".repeat(65) + "\"]",
              "["
                  + "\"t\",".repeat(40).replaceAll("\"t\"", "\"t" + "$0".length() + "\"")
                  + "\"z\"]",
              "\"deploy\""));
    }
    return v;
  }

  static List<Bad> generate() {
    List<Bad> bad = new ArrayList<>();
    // wrong types and values for each member of each body
    String[][] bodies = {
      {"POST", "/v1/memories", "text", "string", "{\"text\":%s}"},
      {"POST", "/v1/memories", "tags", "tags", "{\"text\":\"ok\",\"tags\":%s}"},
      {"POST", "/v1/memories", "kind", "kind", "{\"text\":\"ok\",\"kind\":%s}"},
      {"POST", "/v1/memories", "metadata", "object", "{\"text\":\"ok\",\"metadata\":%s}"},
      {"POST", "/v1/memories", "occurred_at", "time", "{\"text\":\"ok\",\"occurred_at\":%s}"},
      {"POST", "/v1/memories", "key", "string", "{\"text\":\"ok\",\"key\":%s}"},
      {"POST", "/memory/add", "event", "string", "{\"event\":%s,\"tags\":[]}"},
      {"POST", "/memory/add", "tags", "tags", "{\"event\":\"ok\",\"tags\":%s}"},
      {"POST", "/state/set", "key", "string", "{\"key\":%s,\"value\":1}"},
      {"POST", "/goals/add", "goal", "string", "{\"goal\":%s}"},
      {"POST", "/goals/progress", "goal_id", "id", "{\"goal_id\":%s,\"status\":\"done\"}"},
      {"POST", "/goals/progress", "status", "status", "{\"goal_id\":1,\"status\":%s}"},
      {"POST", "/v1/goals", "title", "string", "{\"title\":%s}"},
      {"POST", "/v1/goals", "due_at", "time", "{\"title\":\"ok\",\"due_at\":%s}"},
      {"PATCH", "/v1/goals/1", "status", "status", "{\"status\":%s}"},
      {"PATCH", "/v1/memories/1", "text", "string", "{\"text\":%s}"},
      {"POST", "/v1/snapshots", "summary", "string", "{\"summary\":%s}"},
      {"POST", "/v1/snapshots", "data", "object", "{\"summary\":\"ok\",\"data\":%s}"},
      {"POST", "/v1/goals/1/progress", "note", "string", "{\"note\":%s}"},
      {"PATCH", "/v1/profile", "body", "object", "%s"},
    };
    for (String[] b : bodies) {
      for (String value : wrongValues(b[3])) {
        if (b[3].equals("object")
            && (value.equals("{}") || value.equals("{\"a\":1}") || value.equals("null"))) {
          continue;
        }
        if (b[3].equals("tags") && (value.equals("[]") || value.equals("null"))) {
          continue;
        }
        boolean optional =
            List.of("kind", "occurred_at", "key", "due_at", "note").contains(b[2])
                && !b[1].startsWith("/goals");
        if (optional && value.equals("null")) {
          continue;
        }
        bad.add(Bad.json(b[0], b[1], String.format(b[4], value)));
      }
    }
    // broken JSON, deep nesting, duplicates, invalid UTF-8, non-objects, empty bodies
    String[] routes = {
      "/v1/memories",
      "/v1/goals",
      "/v1/snapshots",
      "/state/set",
      "/memory/add",
      "/goals/add",
      "/goals/progress"
    };
    String[] broken = {
      "",
      "{",
      "}",
      "{\"text\":",
      "{\"text\":\"x\"",
      "[",
      "nul",
      "{'text':'x'}",
      "{\"text\":\"x\",}",
      "{\"text\" \"x\"}",
      "{\"text\":\"x\",\"text\":\"y\",\"event\":\"x\",\"event\":\"y\"}",
      "\"just a string\"",
      "42",
      "[1,2,3]",
      "[".repeat(5000),
      "{\"text\":\"x\",\"event\":\"x\",\"goal\":\"x\"}{}",
      "{\"text\":\"x\",\"event\":\"x\",\"goal\":\"x\"} trailing",
      "{\"a\":".repeat(200) + "1" + "}".repeat(200),
      "{\"text\":NaN}",
      "{\"text\":\"\\x\"}"
    };
    for (String route : routes) {
      for (String body : broken) {
        bad.add(Bad.json("POST", route, body));
      }
      bad.add(
          new Bad(
              "POST",
              route,
              new byte[] {
                '{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
              },
              "application/json"));
      bad.add(
          new Bad("POST", route, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, "application/json"));
      bad.add(
          new Bad(
              "POST",
              route,
              "text=x".getBytes(StandardCharsets.UTF_8),
              "application/x-www-form-urlencoded"));
      bad.add(
          new Bad(
              "POST", route, "{\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8), "text/plain"));
      bad.add(
          new Bad(
              "POST",
              route,
              ("{\"text\":\"" + "a".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8),
              "application/json"));
    }
    for (String route : new String[] {"/v1/state/doc", "/v1/profile", "/v1/working-memory"}) {
      for (String body : broken) {
        if (!body.equals("42") && !body.equals("\"just a string\"") && !body.equals("[1,2,3]")
            || !route.equals("/v1/state/doc")) {
          bad.add(
              new Bad(
                  "PATCH",
                  route,
                  body.getBytes(StandardCharsets.UTF_8),
                  "application/merge-patch+json"));
        }
      }
    }
    // bad query strings and paths
    String[] queries = {
      "/memory/search",
      "/memory/search?q=",
      "/memory/search?q=deploy&limit=0",
      "/memory/search?q=deploy&limit=101",
      "/memory/search?q=deploy&limit=x",
      "/memory/search?q=deploy&limit=1.5",
      "/memory/search?q=" + "a".repeat(17_000),
      "/state/get",
      "/state/get?key=",
      "/state/get?key=a%20b",
      "/state/get?key=%00",
      "/state/get?key=" + "k".repeat(200),
      "/context/export?max_tokens=0",
      "/context/export?max_tokens=-5",
      "/context/export?max_tokens=999999999",
      "/context/export?max_tokens=abc",
      "/v1/context",
      "/v1/context?max_tokens=10&sections=nope",
      "/v1/context?max_tokens=10&format=xml",
      "/v1/memories?limit=0",
      "/v1/memories?limit=1000",
      "/v1/memories?cursor=abc",
      "/v1/memories?cursor=-3",
      "/v1/memories?from=yesterday",
      "/v1/memories?from=2026-02-30",
      "/v1/memories?from=2026-11-21&to=2026-01-01",
      "/v1/memories?tag=a%20b",
      "/v1/memories?kind=BAD",
      "/v1/memories/search",
      "/v1/memories/search?q=x&limit=-1",
      "/v1/memories/0",
      "/v1/memories/-1",
      "/v1/memories/abc",
      "/v1/memories/99999999999999999999999",
      "/v1/goals/0",
      "/v1/goals/x",
      "/v1/goals?status=sideways",
      "/v1/goals?active=maybe",
      "/v1/goals?status=new&active=true",
      "/v1/audit?limit=0",
      "/v1/audit?limit=5000",
      "/v1/audit?before=x",
      "/v1/audit?from=nope",
      "/v1/state?namespace=UPPER",
      "/v1/state?namespace=../etc",
      "/v1/state?namespace=" + "n".repeat(80),
      "/v1/state/bad%20key",
      "/v1/state/%2e%2e",
      "/v1/export?namespace=Bad!",
      "/v1/snapshots?limit=0",
      "/v1/snapshots?cursor=zz",
      "/v1/no-such-route",
      "/etc/passwd",
      "/v1/state/" + "k".repeat(300)
    };
    for (String q : queries) {
      bad.add(new Bad("GET", q, null, null));
    }
    // hostile search queries are queries, never errors: checked separately; here, writes with bad
    // ids
    for (String path :
        new String[] {
          "/v1/memories/abc", "/v1/goals/abc", "/v1/goals/0/progress", "/v1/goals/abc/progress"
        }) {
      bad.add(
          Bad.json(
              path.endsWith("progress") ? "POST" : "PATCH",
              path,
              "{\"status\":\"done\",\"text\":\"x\"}"));
      bad.add(new Bad("DELETE", path.replace("/progress", ""), null, null));
    }
    bad.add(Bad.json("PUT", "/v1/state/k", "{}"));
    bad.add(
        Bad.json("PUT", "/v1/state/k", "{\"value\":" + "[".repeat(100) + "]".repeat(100) + "}"));
    bad.add(Bad.json("PUT", "/v1/state/k", "{\"value\":\"" + "v".repeat(70_000) + "\"}"));
    bad.add(Bad.json("PUT", "/v1/state/profile", "{\"value\":\"not an object\"}"));
    bad.add(
        Bad.json(
            "POST",
            "/v1/import?mode=replace",
            "{\"format\":\"memkit-export\",\"version\":99,\"namespaces\":[]}"));
    bad.add(
        Bad.json(
            "POST",
            "/v1/import",
            "{\"format\":\"memkit-export\",\"version\":1,\"namespaces\":[{\"namespace\":\"BAD\"}]}"));
    bad.add(Bad.json("POST", "/v1/import", "[]"));
    // random bytes
    Random random = new Random(5);
    for (int i = 0; i < 40; i++) {
      byte[] noise = new byte[1 + random.nextInt(200)];
      random.nextBytes(noise);
      bad.add(new Bad("POST", routes[i % routes.length], noise, "application/json"));
    }
    return bad;
  }

  @Test
  void everyMalformedRequestIsA4xxProblemAndChangesNothing() {
    String before = http.get("/v1/export").body();
    String auditBefore = http.get("/v1/audit?limit=1000").body();
    List<Bad> bad = generate();
    assertThat(bad).hasSizeGreaterThanOrEqualTo(500);
    List<String> failures = new ArrayList<>();
    for (Bad b : bad) {
      TestServer.Reply r = http.sendBytes(b.method(), b.path(), b.body(), b.contentType());
      String what =
          b.method()
              + " "
              + clip(b.path())
              + " "
              + (b.body() == null ? "" : clip(new String(b.body(), StandardCharsets.UTF_8)));
      if (r.status() < 400 || r.status() >= 500) {
        failures.add(what + " -> " + r.status() + " " + clip(r.body()));
      } else if (r.contentType() == null
          || !r.contentType().startsWith("application/problem+json")
          || !r.body().startsWith("{\"type\":\"about:blank\",\"title\":")) {
        failures.add(what + " -> not a problem: " + r.contentType() + " " + clip(r.body()));
      } else if (r.body().contains("\tat ") || r.body().contains("Exception")) {
        failures.add(what + " -> leaks internals: " + clip(r.body()));
      }
    }
    assertThat(failures).isEmpty();
    assertThat(http.get("/v1/audit?limit=1000").body()).isEqualTo(auditBefore);
    assertThat(withoutExportTime(http.get("/v1/export").body()))
        .isEqualTo(withoutExportTime(before));
  }

  /**
   * Sends {@code target} byte for byte as the request target of a GET, over a raw socket; the
   * reply's status line and body.
   */
  static String[] rawGet(String target, String key) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", http.server.url().getPort())) {
      socket.setSoTimeout(20_000);
      String request =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
              + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = reply.indexOf("\r\n\r\n");
      return new String[] {
        reply.substring(0, reply.indexOf("\r\n")), end < 0 ? "" : reply.substring(end + 4), reply
      };
    }
  }

  @Test
  void aMalformedRequestTargetIs400NamingTheBadPartNot401() throws Exception {
    String[][] cases = {
      {"/health?x=%zz", "x"},
      {"/v1/state/%zz", "path"},
      {"/v1/memories?tag=%", "tag"},
      {"/v1/memories?tag=%C0%AF", "tag"},
      {"/v1/state?namespace=%ff", "namespace"},
      {"/v1/state/a\u0001b", "path"},
      {"/v1/memories?tag=a\u0007", "tag"},
    };
    for (String[] c : cases) {
      for (String key : new String[] {TestServer.KEY, null}) {
        String[] reply = rawGet(c[0], key);
        assertThat(reply[0]).as(c[0] + " -> " + reply[2]).contains(" 400 ");
        assertThat(reply[2])
            .as(c[0])
            .containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(reply[1]).as(c[0]).contains("\"field\":\"" + c[1] + "\"");
      }
    }
    assertThat(rawGet("/health?x=%41", null)[0]).contains(" 200 ");
  }

  @Test
  void hostileSearchQueriesAreQueriesNotErrors() {
    String[] hostile = {
      "\"",
      "'",
      "(",
      ")",
      "*",
      "OR",
      "AND NOT",
      "deploy OR",
      "\"unbalanced",
      "a:b",
      "NEAR(a b)",
      "-",
      "^",
      "%27%20OR%201%3D1%20--",
      "%3Cscript%3E",
      "%F0%9F%98%80",
      "v1.2*",
      "{}[]",
      "%5C",
      "a%00b"
    };
    for (String q : hostile) {
      TestServer.Reply r =
          http.get(
              "/memory/search?q="
                  + q.replace(" ", "%20")
                      .replace("\"", "%22")
                      .replace("^", "%5E")
                      .replace("{", "%7B")
                      .replace("}", "%7D")
                      .replace("[", "%5B")
                      .replace("]", "%5D"));
      assertThat(r.status()).as(q + " " + r.body()).isEqualTo(200);
      assertThat(r.body()).startsWith("[");
    }
  }

  static String withoutExportTime(String export) {
    return export.replaceAll("\"exported_at\":\"[^\"]*\"", "");
  }

  static String clip(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
