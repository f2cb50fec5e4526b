package dev.memkit.store.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.port.in.AddMemory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs: killed while writing, and refused while another process holds the store. */
class JsonStoreProcessTest {
  @TempDir Path dir;

  private static Process start(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                StoreChild.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Collects the complete lines a process prints; a line cut by the kill is not complete. */
  private static List<String> collectLines(Process p) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = p.getInputStream()) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) != -1) {
                  if (c == '\n') {
                    lines.add(line.toString());
                    line.setLength(0);
                  } else {
                    line.append((char) c);
                  }
                }
              } catch (IOException e) {
                // the process was killed
              }
            });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static List<Long> ids(List<String> lines) {
    return lines.stream().filter(l -> l.matches("\\d+")).map(Long::valueOf).toList();
  }

  @Test
  void everyAcknowledgedWriteSurvivesTwentyKillsAtRandomMoments() throws Exception {
    Random random = new Random();
    Path store = dir.resolve("store");
    List<Long> acknowledged = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      Process child = start("write", store.toString(), "4");
      List<String> lines = collectLines(child);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!lines.contains("ready") && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(5);
      }
      assertThat(child.isAlive()).as("child started").isTrue();
      Thread.sleep(random.nextInt(400));
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(20);
      List<Long> acked = ids(lines);
      acknowledged.addAll(acked);

      JsonStore reopened = TestStores.open(store, "");
      try (Memkit memkit = TestStores.memkit(reopened)) {
        for (long id : acknowledged) {
          assertThat(memkit.space().memories().find(MemoryId.of(id)))
              .as("round %d: acknowledged memory %d", round, id)
              .isPresent();
        }
        if (round % 5 == 4) {
          // a clean open and close in between: later rounds start from a compacted store
          memkit.space().memories().add(AddMemory.of("written between kills"));
        }
      }
    }
    assertThat(acknowledged).hasSizeGreaterThan(20).doesNotHaveDuplicates();
  }

  @Test
  void aSecondProcessGetsTheLockErrorAndWritesNothing() throws Exception {
    Path store = dir.resolve("store");
    try (Memkit memkit = TestStores.memkit(TestStores.open(store, ""))) {
      memkit.space().memories().add(AddMemory.of("held by the test process"));
      Map<String, String> before = contents(store);

      Process other = start("open", store.toString());
      List<String> lines = collectLines(other);
      assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(50);

      assertThat(other.exitValue()).isEqualTo(3);
      assertThat(lines)
          .containsExactly(
              "error: store in "
                  + store.toAbsolutePath()
                  + " is locked by process "
                  + ProcessHandle.current().pid());
      assertThat(contents(store)).isEqualTo(before);
      assertThat(memkit.space().memories().add(AddMemory.of("still writable")).created()).isTrue();
    }
    Process after = start("open", store.toString());
    List<String> lines = collectLines(after);
    assertThat(after.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(50);
    assertThat(after.exitValue()).isZero();
    assertThat(lines).anyMatch(l -> l.startsWith("opened json:"));
  }

  /** Every file's name, size, modification time and digest. */
  private static Map<String, String> contents(Path store) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(store)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().equals(DirectoryLock.FILE)) {
          // reading the lock file in the process holding it would drop the lock (POSIX)
          out.put(DirectoryLock.FILE, Files.size(f) + " " + Files.getLastModifiedTime(f));
          continue;
        }
        byte[] bytes = Files.readAllBytes(f);
        out.put(
            f.getFileName().toString(),
            bytes.length
                + " "
                + Files.getLastModifiedTime(f)
                + " "
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      }
    }
    return out;
  }

  static String text(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
