package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memkit.core.contract.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health} is liveness and stays 200; {@code /ready} tells whether writes can succeed and
 * answers 503 with the store's state when they cannot, and 200 again once they can.
 */
class ReadinessTest {
  @TempDir Path dir;

  private static SmallDisk smallDisk(Path parent) {
    String[] why = new String[1];
    Optional<SmallDisk> mounted = SmallDisk.mount(parent, 1024, why);
    assumeTrue(mounted.isPresent(), () -> why[0]);
    return mounted.get();
  }

  private static void assertReady(TestServer http) {
    TestServer.Reply ready = http.as(null).get("/ready");
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"ready\",\"store\":\"writable\"}");
  }

  /**
   * A server on a store on a small disk of its own: ready, not ready once the disk is full, ready
   * again once space is freed.
   */
  private void assertFullDiskIsNotReadyThenReadyAgain(String scheme, String name) throws Exception {
    try (SmallDisk disk = smallDisk(dir);
        TestServer http =
            TestServer.start(
                Map.of(
                    "MEMKIT_STORE",
                    scheme + ":" + disk.root().resolve(name),
                    "MEMKIT_API_KEY",
                    TestServer.KEY),
                TestServer.KEY)) {
      assertReady(http);
      Path filler = disk.fill("filler");
      TestServer.Reply notReady = http.as(null).get("/ready");
      assertThat(notReady.status()).isEqualTo(503);
      assertThat(notReady.body())
          .isEqualTo(
              "{\"status\":\"not ready\",\"store\":\"unavailable\",\"detail\":\"disk full\"}");
      assertThat(http.as(null).get("/health").status()).isEqualTo(200);
      TestServer.Reply refused = null;
      for (int i = 0; i < 200 && refused == null; i++) {
        TestServer.Reply r =
            http.put("/v1/state/big-" + i, "{\"value\":\"" + "x".repeat(8000) + "\"}");
        refused = r.status() == 200 ? null : r;
      }
      assertThat(refused).as("a write on the full disk").isNotNull();
      ErrorsTest.problem(refused, 503);
      assertThat(refused.body()).containsAnyOf("is full", "disk is full");
      Files.delete(filler);
      assertReady(http);
      assertThat(http.put("/v1/state/after", "{\"value\":1}").status()).isEqualTo(200);
    }
  }

  @Test
  void aFullDiskUnderTheSqliteStoreIsNotReadyAndReadyAgainOnceSpaceIsFreed() throws Exception {
    assertFullDiskIsNotReadyThenReadyAgain("sqlite", "memkit.db");
  }

  @Test
  void aFullDiskUnderTheJsonStoreIsNotReadyAndReadyAgainOnceSpaceIsFreed() throws Exception {
    assertFullDiskIsNotReadyThenReadyAgain("json", "store");
  }

  @Test
  void aDeletedWriteAheadLogIsNotReadyWhileHealthStaysUp() throws Exception {
    Path file = dir.resolve("memkit.db");
    try (TestServer http =
        TestServer.start(
            Map.of("MEMKIT_STORE", "sqlite:" + file, "MEMKIT_API_KEY", TestServer.KEY),
            TestServer.KEY)) {
      assertThat(http.put("/v1/state/before", "{\"value\":1}").status()).isEqualTo(200);
      assertReady(http);
      Files.delete(file.resolveSibling("memkit.db-wal"));
      TestServer.Reply notReady = http.as(null).get("/ready");
      assertThat(notReady.status()).isEqualTo(503);
      assertThat(notReady.body())
          .contains("\"store\":\"unavailable\"")
          .contains("write-ahead log was deleted");
      ErrorsTest.problem(http.put("/v1/state/after", "{\"value\":1}"), 503);
      TestServer.Reply health = http.as(null).get("/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.body()).startsWith("{\"status\":\"ok\"");
    }
  }
}
