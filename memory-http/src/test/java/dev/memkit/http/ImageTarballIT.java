package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image tarball the {@code image} profile writes (Jib's {@code buildTar}): how it
 * starts, as whom, on which port and volume, and that the server and its stores are inside. Runs
 * when the tarball is there ({@code ./mvnw -pl memory-http -am -Pimage verify}, or offline with
 * {@code -Dimage.base=scratch}); skipped otherwise.
 */
class ImageTarballIT {
  private static final Path TARBALL =
      Path.of(System.getProperty("memkit.image.tar", "target/memkit-image.tar"));
  private static final ObjectMapper JSON = new ObjectMapper();

  static Map<String, byte[]> outer;
  static JsonNode config;
  static List<String> files;

  @BeforeAll
  static void read() throws IOException {
    assumeTrue(Files.isRegularFile(TARBALL), "no image tarball: build with -Pimage");
    try (InputStream in = Files.newInputStream(TARBALL)) {
      outer = untar(in);
    }
    JsonNode manifest = JSON.readTree(outer.get("manifest.json")).get(0);
    config = JSON.readTree(outer.get(manifest.get("Config").asText())).get("config");
    files = new ArrayList<>();
    for (JsonNode layer : manifest.get("Layers")) {
      try (InputStream in =
          new GZIPInputStream(new ByteArrayInputStream(outer.get(layer.asText())))) {
        files.addAll(untar(in).keySet());
      }
    }
  }

  @Test
  void itStartsTheServerWithJavaAsANonRootUser() {
    List<String> entrypoint = new ArrayList<>();
    config.get("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint)
        .contains(
            "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=15000", "-cp", "@/app/jib-classpath-file")
        .endsWith("dev.memkit.http.MemkitServer");
    assertThat(config.get("User").asText()).isEqualTo("65532:65532").doesNotStartWith("0");
  }

  @Test
  void itExposesPort8080AndKeepsItsDataInTheDataVolume() {
    assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.get("Volumes").has("/data")).isTrue();
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/data");
    List<String> env = new ArrayList<>();
    config.get("Env").forEach(e -> env.add(e.asText()));
    assertThat(env)
        .contains(
            "MEMKIT_STORE=sqlite:/data/memkit.db",
            "MEMKIT_PORT=8080",
            "MEMKIT_HOST=0.0.0.0",
            "MALLOC_ARENA_MAX=2")
        .noneMatch(e -> e.startsWith("MEMKIT_API_KEY"));
    assertThat(files).contains("data/");
  }

  @Test
  void theServerItsStoresAndTheHealthCheckAreInside() {
    assertThat(files)
        .contains(
            "app/jib-classpath-file",
            "app/classes/dev/memkit/http/MemkitServer.class",
            "app/classes/dev/memkit/http/HealthCheck.class",
            "app/resources/META-INF/swagger/memkit.yml");
    assertThat(files)
        .anyMatch(f -> f.matches("app/libs/memory-core-[0-9.]+\\.jar"))
        .anyMatch(f -> f.matches("app/libs/memory-store-sqlite-[0-9.]+\\.jar"))
        .anyMatch(f -> f.matches("app/libs/memory-tokens-jtokkit-[0-9.]+\\.jar"))
        .anyMatch(f -> f.matches("app/libs/sqlite-jdbc-[0-9.]+\\.jar"));
  }

  /**
   * The entries of a tar stream (ustar, GNU long names, PAX paths): name to content; directories
   * end in "/".
   */
  static Map<String, byte[]> untar(InputStream in) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    byte[] header = new byte[512];
    String longName = null;
    while (in.readNBytes(header, 0, 512) == 512) {
      if (header[0] == 0) {
        break;
      }
      String name = text(header, 0, 100);
      String prefix = text(header, 345, 155);
      long size =
          Long.parseLong(
              text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
      byte type = header[156];
      byte[] content = in.readNBytes((int) size);
      in.readNBytes((int) ((512 - size % 512) % 512));
      if (type == 'L') {
        longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
        continue;
      }
      if (type == 'x' || type == 'g') {
        // PAX extended header: "<length> <key>=<value>\n" records; "path" names the next entry
        for (String record : new String(content, StandardCharsets.UTF_8).split("\n")) {
          int space = record.indexOf(' ');
          if (type == 'x' && space > 0 && record.startsWith("path=", space + 1)) {
            longName = record.substring(space + 6);
          }
        }
        continue;
      }
      String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
      longName = null;
      entries.put(full.startsWith("./") ? full.substring(2) : full, content);
    }
    return entries;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }
}
