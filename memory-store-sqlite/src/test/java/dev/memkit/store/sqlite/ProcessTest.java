package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs: killed while writing, and writing side by side. */
class ProcessTest {
  @TempDir Path dir;

  private Store open(String uri) {
    return new SqliteStoreProvider().open(StoreLocation.parse(uri, Map.of()));
  }

  /** Collects a process's standard output on a thread of its own. */
  private static final class Output extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Output(InputStream in) {
      this.in = in;
      setDaemon(true);
      start();
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (bytes) {
            bytes.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        // the process died: what was read is what it printed
      }
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillMinus9() throws Exception {
    String uri = "sqlite:" + dir.resolve("kill/memkit.db");
    Random random = new Random();
    Set<Long> acknowledged = new HashSet<>();
    for (int round = 0; round < 20; round++) {
      Process child = StoreChild.launch(dir.resolve("child.err"), "loop", uri, "4");
      Output output = new Output(child.getInputStream());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!output.text().contains("\n") && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(child.isAlive())
          .as("child of round %d is writing: %s", round, Files.readString(dir.resolve("child.err")))
          .isTrue();
      Thread.sleep(random.nextInt(250));
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      output.join(10_000);
      List<Long> ids = StoreChild.acknowledged(output.text());
      assertThat(ids).as("round %d acknowledged writes", round).isNotEmpty();
      acknowledged.addAll(ids);

      try (Store store = open(uri)) {
        Set<Long> missing =
            store.read(
                tx -> {
                  Set<Long> gone = new HashSet<>();
                  for (long id : acknowledged) {
                    if (tx.memories().find(Namespace.DEFAULT, MemoryId.of(id)).isEmpty()) {
                      gone.add(id);
                    }
                  }
                  return gone;
                });
        assertThat(missing).as("acknowledged ids missing after kill %d", round).isEmpty();
      }
    }
    try (Stream<Path> files = Files.list(dir.resolve("kill"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains(".damaged-"));
    }
  }

  @Test
  void twoProcessesWritingOneFileLoseNothing() throws Exception {
    String uri = "sqlite:" + dir.resolve("shared.db") + "?synchronous=normal";
    open(uri).close();
    int each = 150;
    Process a =
        StoreChild.launch(dir.resolve("a.err"), "count", uri, Integer.toString(each), "proc-a");
    Process b =
        StoreChild.launch(dir.resolve("b.err"), "count", uri, Integer.toString(each), "proc-b");
    Output outA = new Output(a.getInputStream());
    Output outB = new Output(b.getInputStream());
    assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
    outA.join(10_000);
    outB.join(10_000);
    assertThat(a.exitValue()).as(Files.readString(dir.resolve("a.err"))).isZero();
    assertThat(b.exitValue()).as(Files.readString(dir.resolve("b.err"))).isZero();
    List<Long> idsA = StoreChild.acknowledged(outA.text());
    List<Long> idsB = StoreChild.acknowledged(outB.text());
    assertThat(idsA).hasSize(each);
    assertThat(idsB).hasSize(each);
    Set<Long> all = new HashSet<>(idsA);
    all.addAll(idsB);
    assertThat(all).as("no id handed out twice").hasSize(2 * each);

    try (Store store = open(uri)) {
      store.read(
          tx -> {
            assertThat(tx.memories().count(Namespace.DEFAULT)).isEqualTo(2L * each);
            for (String tag : List.of("proc-a", "proc-b")) {
              MemoryFilter filter =
                  new MemoryFilter(
                      List.of(Tag.of(tag)), Optional.empty(), dev.memkit.core.model.TimeRange.ALL);
              assertThat(tx.memories().list(Namespace.DEFAULT, filter, Optional.empty(), 1000))
                  .hasSize(each);
            }
            assertThat(
                    tx.audit()
                        .query(
                            Optional.of(Namespace.DEFAULT),
                            dev.memkit.core.model.AuditQuery.LATEST.withLimit(1000)))
                .hasSize(2 * each);
            return null;
          });
    }
  }
}
