package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Quick reads of a local store run on the event loop, without the hand-off to a worker thread;
 * writes and slower reads stay on worker threads. Which thread answered is read from the request
 * log line, which the filter writes on the thread that finished the request.
 */
class QuickReadsTest {
  @TempDir Path dir;

  @Test
  void stateReadsOfASqliteStoreRunOnTheEventLoopAndWritesOnWorkerThreads() {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger requests = (Logger) LoggerFactory.getLogger(AuthFilter.REQUESTS.getName());
    requests.addAppender(log);
    try (TestServer http = TestServer.start(dir)) {
      assertThat(http.post("/state/set", "{\"key\":\"phase\",\"value\":\"testing\"}").status())
          .isEqualTo(200);
      assertThat(http.get("/state/get?key=phase").body()).isEqualTo("{\"value\":\"testing\"}");
      assertThat(http.get("/v1/state/phase").status()).isEqualTo(200);
      // a miss is still a 404 problem (its exception handler may answer from a worker thread)
      assertThat(http.get("/v1/state/missing").status()).isEqualTo(404);
      assertThat(http.get("/v1/memories/search?q=phase").status()).isEqualTo(200);

      assertThat(threadOf(log, "POST /state/set ")).startsWith("io-executor");
      assertThat(threadOf(log, "GET /state/get "))
          .doesNotStartWith("io-executor")
          .contains("eventLoop");
      assertThat(threadOf(log, "GET /v1/state/phase "))
          .doesNotStartWith("io-executor")
          .contains("eventLoop");
      assertThat(threadOf(log, "GET /v1/memories/search ")).startsWith("io-executor");
    } finally {
      requests.detachAppender(log);
    }
  }

  @Test
  void onlyStoresOnThisMachineCountAsLocalReads() {
    assertThat(MemkitServer.readsLocally("sqlite:/srv/memkit.db")).isTrue();
    assertThat(MemkitServer.readsLocally("json:./data")).isTrue();
    assertThat(MemkitServer.readsLocally("mem:test")).isTrue();
    assertThat(MemkitServer.readsLocally("postgresql://db.example/memkit")).isFalse();
    assertThat(MemkitServer.readsLocally("postgres://db.example/memkit")).isFalse();
    assertThat(MemkitServer.readsLocally("sqlite")).isFalse();
  }

  private static String threadOf(ListAppender<ILoggingEvent> log, String lineStart) {
    List<ILoggingEvent> matching =
        List.copyOf(log.list).stream()
            .filter(e -> e.getFormattedMessage().startsWith(lineStart))
            .toList();
    assertThat(matching)
        .as("request log lines starting %s in %s", lineStart, Map.of("lines", log.list.size()))
        .isNotEmpty();
    return matching.get(0).getThreadName();
  }
}
