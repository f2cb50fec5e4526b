package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.ListMemories;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as its own JVM: it says where it listens and on what store, and stops cleanly on
 * SIGTERM.
 */
class ServerProcessTest {
  private static final int IMPORTED = 3000;
  private static final Pattern SERVING = Pattern.compile("serving (http://\\S+) \\(store (.+)\\)");

  @TempDir Path dir;

  @Test
  void printsItsUrlAndStoreAndShutsDownGracefullyOnSigterm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            MemkitServer.class.getName());
    String store = TestServer.storeUri(dir, "sqlite");
    pb.environment().put("MEMKIT_STORE", store);
    pb.environment().put("MEMKIT_MAX_BODY", "67108864");
    pb.environment().put("MEMKIT_PORT", "0");
    pb.environment().put("MEMKIT_API_KEY", TestServer.KEY);
    pb.environment().remove("MEMKIT_KEYS_FILE");
    Path log = dir.resolve("server.log");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process process = pb.start();
    try {
      String url = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (url == null && System.nanoTime() < deadline && process.isAlive()) {
        Matcher m = SERVING.matcher(Files.readString(log));
        if (m.find()) {
          url = m.group(1);
          assertThat(m.group(2)).isNotBlank();
        } else {
          Thread.sleep(100);
        }
      }
      assertThat(url).as(Files.readString(log)).isNotNull();

      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> set =
          client.send(
              HttpRequest.newBuilder(URI.create(url + "/state/set"))
                  .header("Authorization", "Bearer " + TestServer.KEY)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"key\":\"phase\",\"value\":\"running\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(set.body()).isEqualTo("{\"ok\":true}");

      // a slow request (a large import) is in flight when SIGTERM comes: it must still finish
      var inFlight =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(url + "/v1/import?mode=merge"))
                  .header("Authorization", "Bearer " + TestServer.KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(exportOf(IMPORTED)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Thread.sleep(300);
      process.destroy(); // SIGTERM
      HttpResponse<String> imported = inFlight.get(60, TimeUnit.SECONDS);
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
      assertThat(imported.body()).contains("\"memories\":" + IMPORTED);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    String all = Files.readString(log);
    assertThat(all).contains("store closed").doesNotContain(TestServer.KEY);
    assertThat(all).contains("POST /state/set 200").contains("POST /v1/import 200");
    // the store was closed cleanly: it opens again with everything acknowledged
    try (Memkit memkit = Memkit.open(store)) {
      assertThat(memkit.space("default").memories().list(ListMemories.newest(1)).items())
          .hasSize(1);
      assertThat(memkit.space("default").state().get(StateKey.of("phase"))).isPresent();
    }
  }

  /** An export document of {@code count} memories in the default namespace. */
  static String exportOf(int count) {
    StringBuilder doc =
        new StringBuilder(
            "{\"format\":\"memkit-export\",\"version\":1,\"exported_at\":\"2026-11-21T00:00:00Z\","
                + "\"namespaces\":[{\"namespace\":\"default\",\"state\":[],\"memories\":[");
    for (int i = 1; i <= count; i++) {
      doc.append(i > 1 ? "," : "")
          .append("{\"id\":")
          .append(i)
          .append(",\"namespace\":\"default\",\"text\":\"imported memory ")
          .append(i)
          .append(
              "\",\"tags\":[\"import\"],\"kind\":\"note\",\"metadata\":{},\"occurred_at\":null,\"key\":null,"
                  + "\"created_at\":\"2026-11-20T00:00:00Z\",\"updated_at\":\"2026-11-20T00:00:00Z\"}");
    }
    return doc.append("],\"goals\":[]}]}").toString();
  }

  @Test
  void aBadSettingStopsTheStartWithAClearMessage() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx128m",
            "-cp",
            System.getProperty("java.class.path"),
            MemkitServer.class.getName());
    pb.environment().put("MEMKIT_STORE", "mem:");
    pb.environment().put("MEMKIT_TOKENIZER", "no_such_encoding");
    pb.redirectErrorStream(true);
    Process process = pb.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(out).contains("cannot start").contains("tokenizer");
  }
}
