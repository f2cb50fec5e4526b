package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memkit.core.contract.Prerequisite;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image tarball the {@code image} profile writes (Jib's {@code buildTar}): how it
 * starts, as whom, on which port and volume, that the server and its stores are inside, and, as
 * root on Linux, that it runs: its layers unpacked in order into a directory, its entrypoint
 * started there as its user with its environment (in new mount and PID namespaces, with {@code
 * /proc} and the four usual devices as a container runtime gives them), answering {@code /health},
 * a write and a read, started with Micronaut AOT's service lists and with its Java runtime's
 * class-data archive. CI builds the image with {@code -Dimage.offline}; without a tarball or root
 * the tests are skipped, except under {@code CI=true}, where they fail.
 */
class ImageTarballIT {
  private static final Path TARBALL =
      Path.of(System.getProperty("memkit.image.tar", "target/memkit-image.tar"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "image-key-3b8e51d0c2";
  private static final Pattern SERVING = Pattern.compile("serving (http://\\S+) ");

  /** Whether the build left Micronaut AOT out ({@code -Dmemkit.aot.skip=true}), image included. */
  private static final boolean AOT_SKIPPED = Boolean.getBoolean("memkit.aot.skip");

  /** The class Micronaut AOT generates with the service lists, and the service it implements. */
  private static final String AOT_LISTS = "dev.memkit.http.aot.StaticServicesLoader";

  private static final String AOT_SERVICE =
      "META-INF/services/io.micronaut.core.optim.StaticOptimizations$Loader";

  /** The jar of Micronaut AOT's classes in the image. */
  private static final String AOT_JAR = "/app/aot/memkit-aot.jar";

  /** The offline image's class-data archive of the server's classes. */
  private static final String CDS_ARCHIVE = "/app/cds/memkit.jsa";

  /** The image's file system, unpacked once for the tests that run it (see {@link #rootfs()}). */
  @TempDir static Path unpacked;

  private static Path rootfs;

  static JsonNode config;
  static List<List<Entry>> layers;
  static List<String> files;

  /**
   * One tar entry: its path, type flag, mode, owner, modification time, link target and content.
   */
  record Entry(
      String name, byte type, int mode, int uid, int gid, long mtime, String link, byte[] content) {
    boolean isDirectory() {
      return type == '5';
    }
  }

  @BeforeAll
  static void read() throws IOException {
    Prerequisite.require(
        Files.isRegularFile(TARBALL),
        "no image tarball at "
            + TARBALL
            + ": build it with -Dimage.offline (no registry needed, Linux) or -Pimage");
    Map<String, byte[]> outer = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(TARBALL)) {
      untar(in).forEach(e -> outer.put(e.name(), e.content()));
    }
    JsonNode manifest = JSON.readTree(outer.get("manifest.json")).get(0);
    config = JSON.readTree(outer.get(manifest.get("Config").asText())).get("config");
    layers = new ArrayList<>();
    files = new ArrayList<>();
    for (JsonNode layer : manifest.get("Layers")) {
      try (InputStream in =
          new GZIPInputStream(new ByteArrayInputStream(outer.get(layer.asText())))) {
        List<Entry> entries = untar(in);
        layers.add(entries);
        entries.forEach(e -> files.add(e.name() + (e.isDirectory() ? "/" : "")));
      }
    }
  }

  @Test
  void itStartsTheServerWithJavaAsANonRootUser() {
    assertThat(strings(config.get("Entrypoint")).get(0)).isEqualTo("java");
    assertThat(strings(config.get("Entrypoint")))
        .contains(
            "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=15000", "-cp", "@/app/jib-classpath-file")
        .endsWith("dev.memkit.http.MemkitServer");
    assertThat(config.path("Cmd").isMissingNode() || config.get("Cmd").isEmpty()).isTrue();
    assertThat(config.get("User").asText()).isEqualTo("65532:65532").doesNotStartWith("0");
  }

  @Test
  void itExposesPort8080AndKeepsItsDataInTheDataVolume() {
    assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.get("Volumes").has("/data")).isTrue();
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/data");
    assertThat(strings(config.get("Env")))
        .contains(
            "MEMKIT_STORE=sqlite:/data/memkit.db",
            "MEMKIT_PORT=8080",
            "MEMKIT_HOST=0.0.0.0",
            "MALLOC_ARENA_MAX=2")
        .anyMatch(e -> e.startsWith("PATH=") && e.contains("/opt/java/openjdk/bin"))
        .noneMatch(e -> e.startsWith("MEMKIT_API_KEY"));
    assertThat(files).contains("data/");
  }

  @Test
  void theServerItsStoresTheHealthCheckAndAJavaRuntimeAreInside() throws IOException {
    assertThat(files).contains("app/jib-classpath-file", "opt/java/openjdk/bin/java");
    // memkit's own classes and resources as its jar, as Jib's packaged mode lays them out
    assertThat(files).anyMatch(f -> f.matches("app/classpath/memory-http-[0-9.]+\\.jar"));
    assertThat(jarEntries(file(f -> f.matches("app/classpath/memory-http-[0-9.]+\\.jar"))))
        .contains(
            "dev/memkit/http/MemkitServer.class",
            "dev/memkit/http/HealthCheck.class",
            "META-INF/swagger/memkit.yml");
    assertThat(files)
        .anyMatch(f -> f.matches("app/libs/memory-core-[0-9.]+\\.jar"))
        .anyMatch(f -> f.matches("app/libs/memory-store-sqlite-[0-9.]+\\.jar"))
        .anyMatch(f -> f.matches("app/libs/memory-tokens-jtokkit-[0-9.]+\\.jar"))
        .anyMatch(f -> f.matches("app/libs/sqlite-jdbc-[0-9.]+\\.jar"))
        .anyMatch(f -> f.matches("app/libs/onnxruntime-[0-9.]+\\.jar"));
  }

  @Test
  void micronautAotsClassesComeFirstOnTheClassPathInALayerOfTheirOwn() throws IOException {
    assertThat(fileText("app/jib-classpath-file")).startsWith(AOT_JAR + ":");
    List<String> aot = jarEntries(AOT_JAR.substring(1));
    // the generated classes change with every code change: none of them in the dependencies' layers
    for (List<Entry> layer : layers) {
      boolean withAot = layer.stream().anyMatch(e -> e.name().startsWith("app/aot/"));
      assertThat(layer)
          .as("a layer with Micronaut AOT's classes holds nothing else")
          .allMatch(e -> !withAot || e.name().equals("app") || e.name().startsWith("app/aot"));
    }
    if (AOT_SKIPPED) {
      assertThat(aot).noneMatch(e -> e.startsWith("dev/"));
      return;
    }
    assertThat(aot)
        .contains(
            AOT_LISTS.replace('.', '/') + ".class",
            "META-INF/services/io.micronaut.context.ApplicationContextConfigurer",
            AOT_SERVICE);
    assertThat(jarText(AOT_JAR.substring(1), AOT_SERVICE)).contains(AOT_LISTS);
  }

  @Test
  void itsJavaRuntimeMapsItsClassDataArchives() throws Exception {
    Path root = rootfs();
    // the entrypoint as it is, with -Xshare:on (which fails the start when an archive named or the
    // runtime's own cannot be mapped) and the classes' sources logged; the server prints its usage
    List<String> java = strings(config.get("Entrypoint"));
    List<String> command = new ArrayList<>(namespaces(root));
    command.addAll(java.subList(0, java.indexOf("-cp")));
    command.addAll(List.of("-Xshare:on", "-Xlog:class+load=info"));
    command.addAll(java.subList(java.indexOf("-cp"), java.size()));
    command.add("--help");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    imageEnvironment(pb);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("Usage: memkit serve")
        .contains("java.lang.Object source: shared objects file");
    // the offline image's archive of the server's classes (profile image-offline)
    if (java.contains("-XX:SharedArchiveFile=" + CDS_ARCHIVE)) {
      assertThat(files).contains(CDS_ARCHIVE.substring(1));
      assertThat(out).contains("dev.memkit.http.MemkitServer source: shared objects file (top)");
    }
  }

  @Test
  void itRunsAsItsUserAndServesHealthAWriteAndARead(@TempDir Path dir) throws Exception {
    Path root = rootfs();
    String[] user = config.get("User").asText().split(":");
    List<String> command = new ArrayList<>(namespaces(root));
    command.addAll(strings(config.get("Entrypoint")));
    command.addAll(strings(config.path("Cmd")));
    ProcessBuilder pb = new ProcessBuilder(command);
    imageEnvironment(pb);
    // as `docker run -e`: a key, and a free port on the loopback interface only
    pb.environment().put("MEMKIT_API_KEY", KEY);
    pb.environment().put("MEMKIT_PORT", "0");
    pb.environment().put("MEMKIT_HOST", "127.0.0.1");
    Path out = dir.resolve("out.txt");
    pb.redirectErrorStream(true).redirectOutput(out.toFile());
    Process unshare = pb.start();
    try {
      String url = awaitServing(unshare, out);
      // Micronaut took its bean lists from the classes Micronaut AOT generated (MemkitServer says
      // so
      // when Micronaut installed them), unless the build left them out
      if (AOT_SKIPPED) {
        assertThat(Files.readString(out)).doesNotContain("Micronaut AOT").contains("; started in ");
      } else {
        assertThat(Files.readString(out)).contains(", Micronaut AOT; started in ");
      }
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      assertThat(call(client, url, "GET", "/health", null).statusCode()).isEqualTo(200);
      HttpResponse<String> set =
          call(client, url, "POST", "/state/set", "{\"key\":\"phase\",\"value\":\"in a box\"}");
      assertThat(set.body()).isEqualTo("{\"ok\":true}");
      assertThat(call(client, url, "GET", "/state/get?key=phase", null).body())
          .isEqualTo("{\"value\":\"in a box\"}");
      // the embedding model (ONNX Runtime and the tokenizer, native libraries) loads in the image
      String health = call(client, url, "GET", "/health", null).body();
      for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
          health.contains("\"loading\"") && System.nanoTime() < deadline;
          health = call(client, url, "GET", "/health", null).body()) {
        Thread.sleep(200);
      }
      assertThat(health).contains("\"embedder\":\"ready\"");
      // the store is in the volume, written by the image's user
      assertThat(Files.getAttribute(root.resolve("data/memkit.db"), "unix:uid"))
          .isEqualTo(Integer.parseInt(user[0]));
    } finally {
      // SIGTERM to the server (the namespace's first process), as `docker stop`
      unshare.descendants().forEach(ProcessHandle::destroy);
      if (!unshare.waitFor(60, TimeUnit.SECONDS)) {
        unshare.descendants().forEach(ProcessHandle::destroyForcibly);
        unshare.destroyForcibly();
      }
    }
    assertThat(unshare.isAlive()).isFalse();
  }

  /**
   * The image's layers unpacked in order (once for the class), with {@code /proc} and the four
   * usual devices as a container runtime gives them; skips (fails under CI) where the image cannot
   * run.
   */
  private static synchronized Path rootfs() throws Exception {
    Prerequisite.require(
        System.getProperty("os.name", "").equals("Linux")
            && Files.isExecutable(Path.of("/usr/bin/unshare")),
        "running the image needs Linux and util-linux's unshare");
    Prerequisite.require(
        Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
        "running the image needs root (new namespaces, the image's file owners, its user)");
    Process probe =
        new ProcessBuilder("/usr/bin/unshare", "--mount", "--pid", "--fork", "--mount-proc", "true")
            .redirectErrorStream(true)
            .start();
    String refusal = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Prerequisite.require(
        probe.waitFor() == 0,
        "running the image needs new mount and PID namespaces, refused here: " + refusal.strip());
    if (rootfs != null) {
      return rootfs;
    }
    Path root = unpacked.resolve("rootfs");
    for (List<Entry> layer : layers) {
      unpack(layer, root);
    }
    Files.createDirectories(root.resolve("proc"));
    Files.createDirectories(root.resolve("dev"));
    for (String[] device :
        List.of(
            new String[] {"null", "3"},
            new String[] {"zero", "5"},
            new String[] {"random", "8"},
            new String[] {"urandom", "9"})) {
      Process mknod =
          new ProcessBuilder(
                  "mknod",
                  "-m",
                  "666",
                  root.resolve("dev/" + device[0]).toString(),
                  "c",
                  "1",
                  device[1])
              .inheritIO()
              .start();
      assertThat(mknod.waitFor()).isZero();
    }
    rootfs = root;
    return root;
  }

  /**
   * {@code unshare} with new mount and PID namespaces, {@code root} as the root directory, the
   * image's working directory and user: what follows runs as in a container of the image.
   */
  private static List<String> namespaces(Path root) {
    String[] user = config.get("User").asText().split(":");
    return List.of(
        "/usr/bin/unshare",
        "--mount",
        "--pid",
        "--fork",
        "--kill-child",
        "--mount-proc",
        "--root=" + root,
        "--wd=" + config.get("WorkingDir").asText(),
        "--setuid=" + user[0],
        "--setgid=" + user[1]);
  }

  /** Gives {@code pb} the image's environment, and nothing of this process's. */
  private static void imageEnvironment(ProcessBuilder pb) {
    pb.environment().clear();
    for (String e : strings(config.get("Env"))) {
      pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
    }
  }

  /** The content of the image's file {@code name} as its last layer with it has it. */
  private static byte[] fileContent(String name) {
    byte[] content = null;
    for (List<Entry> layer : layers) {
      for (Entry e : layer) {
        if (e.name().equals(name)) {
          content = e.content();
        }
      }
    }
    assertThat(content).as("the image has " + name).isNotNull();
    return content;
  }

  private static String fileText(String name) {
    return new String(fileContent(name), StandardCharsets.UTF_8);
  }

  /** The one file of the image whose path matches {@code test}. */
  private static String file(java.util.function.Predicate<String> test) {
    List<String> matching = files.stream().filter(test).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  /** The entry names of the image's jar {@code name}. */
  private static List<String> jarEntries(String name) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(fileContent(name)))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        names.add(e.getName());
      }
    }
    return names;
  }

  /** The text of the entry {@code entry} of the image's jar {@code name}. */
  private static String jarText(String name, String entry) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(fileContent(name)))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals(entry)) {
          return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError(name + " has no " + entry);
  }

  private static String awaitServing(Process p, Path out) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(Files.readString(out));
      if (m.find()) {
        return m.group(1);
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the image's server did not start:\n" + Files.readString(out));
  }

  private static HttpResponse<String> call(
      HttpClient client, String url, String method, String path, String json) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + KEY);
    if (json == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(e -> values.add(e.asText()));
    return values;
  }

  /** Writes one layer's entries over {@code root}, as a container runtime does (whiteouts too). */
  static void unpack(List<Entry> layer, Path root) throws IOException {
    for (Entry e : layer) {
      Path target = root.resolve(e.name()).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        continue;
      }
      String base = target.getFileName().toString();
      if (base.startsWith(".wh.")) {
        deleteTree(target.resolveSibling(base.substring(4)));
        continue;
      }
      Files.createDirectories(target.getParent());
      if (!e.isDirectory() && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(target);
      }
      switch (e.type()) {
        case '5' -> Files.createDirectories(target);
        case '2' -> Files.createSymbolicLink(target, Path.of(e.link()));
        case '1' -> Files.copy(root.resolve(e.link()), target);
        case '0', 0 -> Files.write(target, e.content());
        default -> {
          continue; // devices and FIFOs: a runtime makes its own
        }
      }
      if (e.type() != '2') {
        Files.setPosixFilePermissions(target, permissions(e.mode()));
      }
      Files.setAttribute(target, "unix:uid", e.uid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(target, "unix:gid", e.gid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
      // kept, as a runtime keeps them: a class-data archive checks its jars' times
      if (e.type() != '2') {
        Files.setLastModifiedTime(target, FileTime.from(e.mtime(), TimeUnit.SECONDS));
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        set.add(all[i]);
      }
    }
    return set;
  }

  private static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (var children = Files.list(path)) {
        for (Path child : children.toList()) {
          deleteTree(child);
        }
      }
    }
    Files.deleteIfExists(path);
  }

  /** The entries of a tar stream (ustar, GNU long names and links, PAX paths and links). */
  static List<Entry> untar(InputStream in) throws IOException {
    List<Entry> entries = new ArrayList<>();
    byte[] header = new byte[512];
    String longName = null;
    String longLink = null;
    while (in.readNBytes(header, 0, 512) == 512) {
      if (header[0] == 0) {
        break;
      }
      long size = octal(header, 124, 12);
      byte type = header[156];
      byte[] content = in.readNBytes((int) size);
      in.readNBytes((int) ((512 - size % 512) % 512));
      if (type == 'L' || type == 'K') {
        String value = new String(content, StandardCharsets.UTF_8).replace("\0", "");
        longName = type == 'L' ? value : longName;
        longLink = type == 'K' ? value : longLink;
        continue;
      }
      if (type == 'x' || type == 'g') {
        // PAX extended header: "<length> <key>=<value>\n" records for the next entry
        for (String record : new String(content, StandardCharsets.UTF_8).split("\n")) {
          int space = record.indexOf(' ');
          if (type == 'x' && space > 0 && record.startsWith("path=", space + 1)) {
            longName = record.substring(space + 6);
          } else if (type == 'x' && space > 0 && record.startsWith("linkpath=", space + 1)) {
            longLink = record.substring(space + 10);
          }
        }
        continue;
      }
      String prefix = text(header, 345, 155);
      String name = text(header, 0, 100);
      String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
      String link = longLink != null ? longLink : text(header, 157, 100);
      longName = null;
      longLink = null;
      full = full.startsWith("./") ? full.substring(2) : full;
      boolean directory = type == '5' || full.endsWith("/");
      full = full.endsWith("/") ? full.substring(0, full.length() - 1) : full;
      if (!full.isEmpty() && !full.equals(".")) {
        entries.add(
            new Entry(
                full,
                directory ? (byte) '5' : type,
                (int) octal(header, 100, 8),
                (int) octal(header, 108, 8),
                (int) octal(header, 116, 8),
                octal(header, 136, 12),
                link,
                content));
      }
    }
    return entries;
  }

  private static long octal(byte[] header, int offset, int length) {
    String value = text(header, offset, length).trim();
    return value.isEmpty() ? 0 : Long.parseLong(value, 8);
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }
}
