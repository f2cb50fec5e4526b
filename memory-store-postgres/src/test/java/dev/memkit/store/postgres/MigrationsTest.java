package dev.memkit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddMemory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  private static String freshSchema() {
    return PostgresServer.schemaFor(UUID.randomUUID());
  }

  private static long single(String sql) throws SQLException {
    try (Connection c = PostgresServer.get().connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void replicasOpeningANewSchemaTogetherCreateItOnce() throws Exception {
    String schema = freshSchema();
    int replicas = 8;
    ExecutorService pool = Executors.newFixedThreadPool(replicas);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Memkit>> opened = new ArrayList<>();
    try {
      for (int i = 0; i < replicas; i++) {
        opened.add(
            pool.submit(
                () -> {
                  go.await();
                  return TestStores.open(schema, "");
                }));
      }
      go.countDown();
      List<Memkit> stores = new ArrayList<>();
      for (Future<Memkit> f : opened) {
        stores.add(f.get(60, TimeUnit.SECONDS));
      }
      for (int i = 0; i < replicas; i++) {
        stores.get(i).space().memories().add(AddMemory.of("from replica " + i));
      }
      assertThat(
              stores
                  .get(0)
                  .space()
                  .memories()
                  .list(dev.memkit.core.port.in.ListMemories.newest(100))
                  .items())
          .hasSize(replicas);
      stores.forEach(Memkit::close);
    } finally {
      pool.shutdownNow();
    }
    assertThat(single("SELECT version FROM " + schema + ".memkit_schema"))
        .isEqualTo(Migrations.latest());
    assertThat(single("SELECT count(*) FROM " + schema + ".memkit_schema")).isEqualTo(1);
  }

  @Test
  void aSchemaWrittenByANewerMemkitIsRefusedAndLeftAlone() throws SQLException {
    String schema = freshSchema();
    TestStores.open(schema, "").close();
    try (Connection c = PostgresServer.get().connect();
        Statement st = c.createStatement()) {
      st.execute("UPDATE " + schema + ".memkit_schema SET version = 99");
    }
    assertThatThrownBy(() -> TestStores.open(schema, ""))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("version 99")
        .hasMessageContaining("newer memkit")
        .hasMessageContaining("Upgrade");
    assertThat(single("SELECT version FROM " + schema + ".memkit_schema")).isEqualTo(99);
  }

  @Test
  void theSearchLanguageIsFixedWhenTheSchemaIsCreated() {
    String schema = freshSchema();
    try (Memkit german = TestStores.open(schema, "language=german")) {
      german.space().memories().add(AddMemory.of("Die Häuser wurden gebaut"));
      assertThat(
              german.space().memories().search(dev.memkit.core.port.in.SearchMemories.of("haus")))
          .hasSize(1);
    }
    assertThatThrownBy(() -> TestStores.open(schema, "language=english"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("german");
    assertThatThrownBy(() -> TestStores.open(freshSchema(), "language=klingon"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("klingon");
  }

  @Test
  void namespacesAreAColumnNeverATableOrSchema() throws SQLException {
    String schema = freshSchema();
    try (Memkit memkit = TestStores.open(schema, "")) {
      long tables = single("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'");
      long schemas = single("SELECT count(*) FROM pg_namespace");
      for (String ns : new String[] {"alpha", "beta", "robert_drop_table", "x-y.z"}) {
        memkit.space(ns).state().set(StateKey.of("k"), JsonValue.of(ns));
        memkit.space(ns).memories().add(AddMemory.of("memory of " + ns));
      }
      assertThat(single("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"))
          .isEqualTo(tables);
      assertThat(single("SELECT count(*) FROM pg_namespace")).isEqualTo(schemas);
      assertThat(single("SELECT count(DISTINCT namespace) FROM " + schema + ".memories"))
          .isEqualTo(4);
    }
  }

  @Test
  void aServerThatCannotBeReachedIsUnavailableNamingItWithoutThePassword() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String uri =
        "postgresql://nobody:hunter2@127.0.0.1:" + closedPort + "/nothing?connect_timeout=500";
    assertThatThrownBy(() -> Memkit.open(uri, TestStores.options()))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }
}
