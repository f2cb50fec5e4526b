package dev.memkit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.port.out.StoreLocation;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PgSettingsTest {
  private static PgSettings parse(String uri, Map<String, String> env) {
    return PgSettings.of(StoreLocation.parse(uri, env));
  }

  @Test
  void aPostgresqlUriGivesHostDatabaseCredentialsAndDocumentedDefaults() {
    PgSettings s = parse("postgresql://ada:s%40cret@db.example:6543/agents", Map.of());
    assertThat(s.hosts()).isEqualTo("db.example:6543");
    assertThat(s.database()).isEqualTo("agents");
    assertThat(s.user()).isEqualTo("ada");
    assertThat(s.password()).contains("s@cret");
    assertThat(s.schema()).isEqualTo("memkit");
    assertThat(s.language()).isEqualTo("english");
    assertThat(s.poolSize()).isEqualTo(10);
    assertThat(s.minIdle()).isEqualTo(1);
    assertThat(s.connectTimeoutMillis()).isEqualTo(5_000);
    assertThat(s.statementTimeoutMillis()).isEqualTo(30_000);
    assertThat(s.retries()).isEqualTo(5);
    assertThat(s.backupKeep()).isEqualTo(20);
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/agents");
  }

  @Test
  void aJdbcUrlWithUserAndParametersIsReadTheSameWay() {
    PgSettings s =
        parse(
            "jdbc:postgresql://h1:5432,h2:5432/memkit?user=svc&password=pw&schema=team_a&pool_size=32"
                + "&connect_timeout=1500&retries=2&sslmode=require",
            Map.of());
    assertThat(s.hosts()).isEqualTo("h1:5432,h2:5432");
    assertThat(s.user()).isEqualTo("svc");
    assertThat(s.password()).contains("pw");
    assertThat(s.schema()).isEqualTo("team_a");
    assertThat(s.poolSize()).isEqualTo(32);
    assertThat(s.connectTimeoutMillis()).isEqualTo(1_500);
    assertThat(s.retries()).isEqualTo(2);
    assertThat(s.driverProperties()).containsEntry("sslmode", "require");
  }

  @Test
  void thePasswordComesFromMemkitPgPasswordThenPgpassword() {
    assertThat(
            parse("postgresql://u@h/db", Map.of("MEMKIT_PG_PASSWORD", "a", "PGPASSWORD", "b"))
                .password())
        .contains("a");
    assertThat(parse("postgresql://u@h/db", Map.of("PGPASSWORD", "b")).password()).contains("b");
    assertThat(parse("postgresql://u@h/db", Map.of()).password()).isEqualTo(Optional.empty());
    assertThat(parse("postgresql://u:inuri@h/db", Map.of("PGPASSWORD", "b")).password())
        .contains("inuri");
  }

  @Test
  void theDescriptionNeverShowsThePassword() {
    PgSettings s = parse("postgresql://ada:topsecret@h:5432/db", Map.of());
    assertThat(s.description())
        .isEqualTo("postgresql://ada@h:5432/db?schema=memkit")
        .doesNotContain("topsecret");
    assertThat(s.toString()).doesNotContain("topsecret");
    assertThat(PgSettings.redacted("postgresql://ada:topsecret@h/db?password=x"))
        .doesNotContain("topsecret")
        .doesNotContain("=x");
  }

  @Test
  void badUrisAreRejectedWithTheFieldNamed() {
    assertThatThrownBy(() -> parse("postgresql:/h/db", Map.of()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> parse("postgresql://h", Map.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("database");
    assertThatThrownBy(() -> parse("jdbc:mysql://h/db", Map.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("jdbc:postgresql");
    assertThatThrownBy(() -> parse("postgresql://h/db?colour=red", Map.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> parse("postgresql://h/db?pool_size=0", Map.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("pool_size");
    assertThatThrownBy(() -> parse("postgresql://h;drop/db", Map.of()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void theSchemaAndLanguageMustBePlainIdentifiers() {
    for (String bad :
        new String[] {
          "Memkit", "a-b", "x\"; DROP SCHEMA public; --", "1abc", "a".repeat(64), "pg catalog"
        }) {
      assertThatThrownBy(
              () ->
                  parse(
                      "postgresql://h/db?schema="
                          + java.net.URLEncoder.encode(
                              bad, java.nio.charset.StandardCharsets.UTF_8),
                      Map.of()))
          .as(bad)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("schema");
    }
    assertThat(parse("postgresql://h/db", Map.of("MEMKIT_PG_SCHEMA", "team_b")).schema())
        .isEqualTo("team_b");
    assertThatThrownBy(() -> parse("postgresql://h/db?language=english'", Map.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("language");
  }
}
