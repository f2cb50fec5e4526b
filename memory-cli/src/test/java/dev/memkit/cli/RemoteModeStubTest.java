package dev.memkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.json.JsonValue;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Remote mode against {@link V1Stub}, a STUB server that serves the {@code /v1} contract with the
 * real core behind it: checks the requests the command line sends and how it maps each answer to an
 * exit code. The same commands against the real server are in {@link RemoteModeServerTest}.
 */
class RemoteModeStubTest {
  private V1Stub stub;
  private Cli cli;

  @BeforeEach
  void start() throws IOException {
    stub = new V1Stub("test-key");
    cli = Cli.bare().env("MEMKIT_URL", stub.url()).env("MEMKIT_API_KEY", "test-key");
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void theSeedReadmeSequenceGivesTheSeedContextBlockRemotely() {
    cli.ok("state", "set", "current_phase", "testing");
    assertThat(cli.ok("state", "get", "current_phase")).isEqualTo("testing\n");
    cli.ok("memory", "add", "Deployed v1.2", "--tag", "deploy", "--tag", "v1.2");
    assertThat(cli.ok("memory", "search", "deploy", "--limit", "5")).contains("Deployed v1.2");
    cli.ok("goal", "add", "Launch MVP");
    cli.ok("goal", "progress", "1", "--status", "in_progress", "--note", "Wired authentication");
    assertThat(cli.ok("context", "--max-tokens", "1500")).isEqualTo(CommandsTest.SEED_BLOCK + "\n");
    V1Stub.Request context = stub.last();
    assertThat(context.path()).isEqualTo("/v1/context");
    assertThat(context.query())
        .containsEntry("max_tokens", List.of("1500"))
        .containsEntry("format", List.of("json"));
  }

  @Test
  void requestsFollowTheContract() {
    cli.ok("state", "set", "k", "{\"a\":1}", "--if-version", "0");
    V1Stub.Request put = stub.last();
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.path()).isEqualTo("/v1/state/k");
    assertThat(put.body()).isEqualTo("{\"value\":{\"a\":1}}");
    assertThat(put.headers())
        .containsEntry("if-match", "\"0\"")
        .containsEntry("authorization", "Bearer test-key")
        .containsEntry("content-type", "application/json");
    assertThat(put.query()).doesNotContainKey("namespace");

    cli.ok("--namespace", "team-a", "state", "patch", "k", "{\"b\":2}");
    V1Stub.Request patch = stub.last();
    assertThat(patch.method()).isEqualTo("PATCH");
    assertThat(patch.query()).containsEntry("namespace", List.of("team-a"));

    cli.ok("memory", "search", "what & why?", "--limit", "3");
    assertThat(stub.last().query())
        .containsEntry("q", List.of("what & why?"))
        .containsEntry("limit", List.of("3"));
    assertThat(cli.run("--json", "state", "get", "k").get("value"))
        .isEqualTo(JsonValue.objectBuilder().put("a", 1).build());
    assertThat(cli.ok("state", "list")).contains("k");
    cli.ok("state", "delete", "k");
    assertThat(stub.last().method()).isEqualTo("DELETE");
  }

  @Test
  void answersMapToExitCodesWithTheProblemDetailOnOneLine() {
    Cli.Result notFound = cli.run("state", "get", "missing");
    assertThat(notFound.code()).isEqualTo(1);
    assertThat(notFound.err()).isEqualTo("memkit: state key 'missing' not found\n");

    cli.ok("state", "set", "k", "1");
    assertThat(cli.run("state", "set", "k", "2", "--if-version", "5").code()).isEqualTo(4);

    Cli.Result invalid = cli.run("state", "patch", "profile", "[1]");
    assertThat(invalid.code()).isEqualTo(3);
    assertThat(invalid.err()).startsWith("memkit: ").hasLineCount(1);

    assertThat(cli.run("state", "get", "fail-413").code()).isEqualTo(3);
    assertThat(cli.run("state", "get", "fail-415").code()).isEqualTo(3);
    assertThat(cli.run("state", "get", "fail-403").code()).isEqualTo(6);
    Cli.Result unavailable = cli.run("state", "get", "fail-503");
    assertThat(unavailable.code()).isEqualTo(5);
    assertThat(unavailable.err()).isEqualTo("memkit: injected failure 503\n");
    assertThat(cli.run("state", "get", "fail-500").code()).isEqualTo(5);
  }

  @Test
  void aWrongOrMissingKeyExitsSix() {
    Cli.Result wrong = cli.run("--api-key", "wrong", "state", "get", "k");
    assertThat(wrong.code()).isEqualTo(6);
    assertThat(wrong.err()).isEqualTo("memkit: not authorised: missing or wrong API key\n");
    Cli.Result none = Cli.bare().run("--url", stub.url(), "state", "get", "k");
    assertThat(none.code()).isEqualTo(6);
    assertThat(stub.last().headers()).doesNotContainKey("authorization");
  }

  @Test
  void badInputFailsBeforeAnythingIsSent() {
    int before = stub.requests.size();
    assertThat(cli.run("memory", "add", "x", "--tag", "a b").code()).isEqualTo(3);
    assertThat(cli.run("goal", "progress", "1").code()).isEqualTo(3);
    assertThat(stub.requests).hasSize(before);
  }

  @Test
  void anUnreachableServerOrABadUrlIsAnError() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Cli.Result down = Cli.bare().run("--url", "http://127.0.0.1:" + port, "state", "get", "k");
    assertThat(down.code()).isEqualTo(5);
    assertThat(down.err())
        .startsWith("memkit: cannot reach http://127.0.0.1:" + port)
        .hasLineCount(1);
    assertThat(Cli.bare().run("--url", "ftp://example", "state", "get", "k").code()).isEqualTo(3);
    // --store wins over MEMKIT_URL: a local store is used although a server is configured.
    Cli.Result local =
        Cli.bare()
            .env("MEMKIT_URL", "http://127.0.0.1:" + port)
            .run("--store", "mem:", "state", "list");
    assertThat(local.code()).as(local.toString()).isZero();
  }
}
