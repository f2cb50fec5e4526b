package dev.memkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.memkit.core.error.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Keys, roles and namespaces: who may do what, and that no key ever reaches the log. */
class AuthTest {
  static final String ADMIN = "admin-secret-7d2e";
  static final String WRITER = "writer-secret-91ab";
  static final String READER = "reader-secret-c3f0";
  static final String ALICE_ADMIN = "alice-admin-secret-5e81";

  @TempDir static Path dir;
  static TestServer http;
  static ListAppender<ILoggingEvent> log = new ListAppender<>();

  static String hash(String key) {
    return HexFormat.of().formatHex(KeyRing.sha256(key));
  }

  /** One entry of a keys file: the key {@code id} holding {@code secret}'s hash. */
  static String key(String id, String secret, String role, String... namespaces) {
    return "{\"id\":\""
        + id
        + "\",\"sha256\":\""
        + hash(secret)
        + "\",\"role\":\""
        + role
        + "\",\"namespaces\":[\""
        + String.join("\",\"", namespaces)
        + "\"]}";
  }

  /** Writes a keys file of {@code entries} ({@link #key}) in {@code dir}; returns its path. */
  static Path keysFile(Path dir, String... entries) throws java.io.IOException {
    Path keys = dir.resolve("keys.json");
    Files.writeString(keys, "[" + String.join(",", entries) + "]");
    return keys;
  }

  @BeforeAll
  static void start() throws Exception {
    Path keys = dir.resolve("keys.json");
    Files.writeString(
        keys,
        "["
            + "{\"id\":\"ops\",\"sha256\":\""
            + hash(ADMIN)
            + "\",\"role\":\"admin\",\"namespaces\":[\"*\"]},"
            + "{\"id\":\"bot\",\"sha256\":\""
            + hash(WRITER).toUpperCase()
            + "\",\"role\":\"write\",\"namespaces\":[\"team-a\",\"shared-*\"]},"
            + "{\"id\":\"viewer\",\"sha256\":\""
            + hash(READER)
            + "\",\"role\":\"read\",\"namespaces\":[\"team-a\"]},"
            + "{\"id\":\"alice-ops\",\"sha256\":\""
            + hash(ALICE_ADMIN)
            + "\",\"role\":\"admin\",\"namespaces\":[\"alice\"]}]");
    log.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
    http =
        TestServer.start(
            Map.of(
                "MEMKIT_STORE",
                TestServer.storeUri(dir, "sqlite"),
                "MEMKIT_KEYS_FILE",
                keys.toString()),
            WRITER);
  }

  @AfterAll
  static void stop() {
    http.close();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
  }

  @Test
  void noKeyIs401WithAChallenge() {
    TestServer.Reply r = http.as(null).get("/v1/state");
    ErrorsTest.problem(r, 401);
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    ErrorsTest.problem(http.as(null).post("/state/set", "{\"key\":\"k\",\"value\":1}"), 401);
  }

  @Test
  void aWrongKeyIs401AndIsNotEchoed() {
    TestServer.Reply r = http.as("guess-" + WRITER).get("/v1/state");
    ErrorsTest.problem(r, 401);
    assertThat(r.body()).doesNotContain(WRITER);
    TestServer.Reply basic =
        http.as(null).send("GET", "/v1/state", null, null, "Authorization", "Basic abc");
    assertThat(basic.status()).isIn(401);
  }

  @Test
  void aReadKeyCannotWrite() {
    ErrorsTest.problem(http.as(READER).put("/v1/state/x", "{\"value\":1}"), 403);
    ErrorsTest.problem(http.as(READER).post("/state/set", "{\"key\":\"x\",\"value\":1}"), 403);
    assertThat(http.as(READER).get("/v1/state").status()).isEqualTo(200);
  }

  @Test
  void aKeyOfOneNamespaceCannotUseAnother() {
    ErrorsTest.problem(http.get("/v1/state?namespace=team-b"), 403);
    ErrorsTest.problem(http.as(READER).get("/v1/state?namespace=shared-x"), 403);
    assertThat(http.put("/v1/state/k?namespace=shared-docs", "{\"value\":1}").status())
        .isEqualTo(200);
    assertThat(http.as(ADMIN).get("/v1/state/k?namespace=shared-docs").status()).isEqualTo(200);
  }

  @Test
  void seedRoutesActOnTheKeysDefaultNamespaceAndAuditTheKeyId() {
    http.post("/state/set", "{\"key\":\"phase\",\"value\":\"one\"}");
    TestServer.Reply entry = http.as(ADMIN).get("/v1/state/phase?namespace=team-a");
    assertThat(entry.status()).isEqualTo(200);
    assertThat(http.as(ADMIN).get("/v1/audit?namespace=team-a&target=state:phase").body())
        .contains("\"actor\":\"key:bot\"");
  }

  @Test
  void onlyAdminsManageBackupsAndImports() {
    ErrorsTest.problem(http.post("/v1/backups", null), 403);
    ErrorsTest.problem(http.get("/v1/backups"), 403);
    ErrorsTest.problem(http.post("/v1/import", "{}"), 403);
    assertThat(http.as(ADMIN).get("/v1/backups").status()).isEqualTo(200);
  }

  @Test
  void anAdminBoundToOneNamespaceCannotImportIntoAnotherAndNothingIsWritten() {
    http.as(ADMIN).put("/v1/state/owner?namespace=bob", "{\"value\":\"bob\"}");
    String document =
        "{\"format\":\"memkit-export\",\"version\":1,\"namespaces\":["
            + "{\"namespace\":\"alice\",\"state\":[{\"key\":\"owner\",\"value\":\"alice\",\"version\":1,\"updated_at\":\"2026-11-21T07:00:00Z\"}]},"
            + "{\"namespace\":\"bob\",\"state\":[{\"key\":\"owner\",\"value\":\"mallory\",\"version\":1,\"updated_at\":\"2026-11-21T07:00:00Z\"}]},"
            + "{\"namespace\":\"carol\",\"state\":[{\"key\":\"owner\",\"value\":\"mallory\",\"version\":1,\"updated_at\":\"2026-11-21T07:00:00Z\"}]}]}";
    TestServer.Reply refused = http.as(ALICE_ADMIN).post("/v1/import?mode=replace", document);
    ErrorsTest.problem(refused, 403);
    assertThat(refused.body()).contains("alice-ops").contains("'bob'");
    assertThat(http.as(ADMIN).get("/v1/state/owner?namespace=bob").body())
        .contains("\"value\":\"bob\"");
    assertThat(http.as(ADMIN).get("/v1/state/owner?namespace=carol").status()).isEqualTo(404);
    assertThat(http.as(ADMIN).get("/v1/state/owner?namespace=alice").status()).isEqualTo(404);

    String own =
        "{\"format\":\"memkit-export\",\"version\":1,\"namespaces\":["
            + "{\"namespace\":\"alice\",\"state\":[{\"key\":\"owner\",\"value\":\"alice\",\"version\":1,\"updated_at\":\"2026-11-21T07:00:00Z\"}]}]}";
    assertThat(http.as(ALICE_ADMIN).post("/v1/import", own).status()).isEqualTo(200);
    assertThat(http.as(ALICE_ADMIN).get("/v1/state/owner?namespace=alice").body())
        .contains("\"value\":\"alice\"");
  }

  @Test
  void restoringABackupNeedsAKeyBoundToEveryNamespace() {
    TestServer.Reply created = http.as(ADMIN).post("/v1/backups", null);
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    http.as(ADMIN).put("/v1/state/after-backup?namespace=bob", "{\"value\":2}");
    TestServer.Reply refused = http.as(ALICE_ADMIN).post("/v1/backups/" + id + "/restore", null);
    ErrorsTest.problem(refused, 403);
    assertThat(refused.body()).contains("bound to *");
    assertThat(http.as(ADMIN).get("/v1/state/after-backup?namespace=bob").status()).isEqualTo(200);
  }

  @Test
  void namespacesListsOnlyWhatTheKeyMaySee() {
    http.as(ADMIN).put("/v1/state/k?namespace=secret-ns", "{\"value\":1}");
    assertThat(http.as(READER).get("/v1/namespaces").body()).isEqualTo("{\"items\":[\"team-a\"]}");
    assertThat(http.as(ADMIN).get("/v1/namespaces").body()).contains("secret-ns");
  }

  @Test
  void theRequestLogHasOneLinePerRequestWithTheKeyIdButNeverAKey() {
    http.get("/v1/state");
    http.as(READER).get("/v1/state?namespace=team-a");
    http.as("wrong-" + ADMIN).get("/v1/state");
    http.as(ADMIN).get("/health");
    String all =
        String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertThat(all)
        .contains("GET /v1/state 200")
        .contains("key=bot")
        .contains("key=viewer")
        .contains("GET /v1/state 401");
    assertThat(all).doesNotContain(ADMIN).doesNotContain(WRITER).doesNotContain(READER);
  }

  @Test
  void aBadKeysFileStopsTheStart() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "[{\"id\":\"x\",\"sha256\":\"abc\",\"role\":\"admin\"}]");
    assertThatThrownBy(
            () ->
                TestServer.start(
                    Map.of("MEMKIT_STORE", "mem:", "MEMKIT_KEYS_FILE", bad.toString()), null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("sha256");
  }

  @Test
  void twoKeysWithTheSameHashStopTheStartNamingBoth() throws Exception {
    Path twice = dir.resolve("twice.json");
    Files.writeString(
        twice,
        "[{\"id\":\"first\",\"sha256\":\""
            + hash(ADMIN)
            + "\",\"role\":\"read\"},"
            + "{\"id\":\"second\",\"sha256\":\""
            + hash(ADMIN).toUpperCase()
            + "\",\"role\":\"admin\"}]");
    assertThatThrownBy(
            () ->
                TestServer.start(
                    Map.of("MEMKIT_STORE", "mem:", "MEMKIT_KEYS_FILE", twice.toString()), null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("MEMKIT_KEYS_FILE[1].sha256")
        .hasMessageContaining("'first'")
        .hasMessageContaining("'second'");
  }

  @Test
  void withoutAKeyTheServerIsOpenOnLoopbackOnly() {
    try (TestServer open =
        TestServer.start(Map.of("MEMKIT_STORE", "mem:", "MEMKIT_HOST", "0.0.0.0"), null)) {
      assertThat(open.server.url().getHost()).isEqualTo("127.0.0.1");
      assertThat(open.post("/state/set", "{\"key\":\"k\",\"value\":1}").status()).isEqualTo(200);
      assertThat(open.get("/v1/audit").body()).contains("\"actor\":\"key:anonymous\"");
    }
    assertThat(log.list.stream().map(ILoggingEvent::getFormattedMessage))
        .anyMatch(m -> m.contains("UNAUTHENTICATED"));
  }
}
