package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which browser origins may call {@code /mcp}. */
class McpOriginsTest {
  private static McpOrigins origins(Map<String, String> env) {
    return McpOrigins.from(ServerSettings.from(env));
  }

  @Test
  void programsWithoutAnOriginAndPagesOnThisMachinePass() {
    McpOrigins origins = origins(Map.of());
    assertThat(origins.allows(null)).isTrue();
    assertThat(origins.allows("http://localhost:6274")).isTrue();
    assertThat(origins.allows("http://127.0.0.1:3000")).isTrue();
    assertThat(origins.allows("http://[::1]:8080")).isTrue();
  }

  @Test
  void pagesOfOtherSitesAreRefusedEvenWhenTheyRebindToThisAddress() {
    McpOrigins origins = origins(Map.of());
    assertThat(origins.allows("http://evil.example")).isFalse();
    assertThat(origins.allows("http://localhost.evil.example")).isFalse();
    assertThat(origins.allows("null")).isFalse();
    assertThat(origins.allows("file://")).isFalse();
  }

  @Test
  void thePublicUrlAndListedOriginsPass() {
    McpOrigins origins =
        origins(
            Map.of(
                "MEMKIT_PUBLIC_URL",
                "https://Memkit.Example.com/base/",
                "MEMKIT_MCP_ORIGINS",
                "https://chatgpt.com, https://claude.ai"));
    assertThat(origins.allows("https://memkit.example.com")).isTrue();
    assertThat(origins.allows("https://chatgpt.com")).isTrue();
    assertThat(origins.allows("https://claude.ai")).isTrue();
    assertThat(origins.allows("http://chatgpt.com")).isFalse();
    assertThat(origins.allows("https://chatgpt.com.evil.example")).isFalse();
  }
}
