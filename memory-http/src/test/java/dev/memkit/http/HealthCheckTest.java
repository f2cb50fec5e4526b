package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The container health check passes against a running server and fails without one. */
class HealthCheckTest {
  @Test
  void aRunningServerIsHealthy() {
    try (TestServer http =
        TestServer.start(
            Map.of("MEMKIT_STORE", "mem:", "MEMKIT_API_KEY", TestServer.KEY), TestServer.KEY)) {
      assertThat(HealthCheck.healthy(String.valueOf(http.server.port()))).isTrue();
    }
  }

  @Test
  void aPortWithNoServerOrNoPortIsUnhealthy() throws IOException {
    int free;
    try (ServerSocket socket = new ServerSocket(0)) {
      free = socket.getLocalPort();
    }
    assertThat(HealthCheck.healthy(String.valueOf(free))).isFalse();
    assertThat(HealthCheck.healthy("eighty")).isFalse();
  }
}
