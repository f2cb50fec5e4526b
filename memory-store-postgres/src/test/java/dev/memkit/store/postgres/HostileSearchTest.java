package dev.memkit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.contract.HostileQueries;
import dev.memkit.core.contract.StoreContractTest;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.search.SearchQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queries written to break full-text syntax or SQL — the list the SQLite store is tested with, the
 * contract suite's, and PostgreSQL's own {@code tsquery} operators — give results or nothing, never
 * an error, and never reach outside their namespace or change anything.
 */
class HostileSearchTest {
  private static Memkit memkit;
  private static String schema;

  static List<String> hostile() {
    List<String> queries = new ArrayList<>(HostileQueries.all());
    queries.addAll(StoreContractTest.hostileQueries());
    queries.addAll(
        List.of(
            "deploy & billing",
            "deploy | billing",
            "!deploy",
            "!!",
            "deploy <-> billing",
            "deploy <2> billing",
            "deploy:*",
            "'deploy':A",
            "deploy:AB",
            "(deploy | billing) & !rollback",
            ":*",
            "&",
            "|",
            "<->",
            "<",
            ">",
            "' OR 1=1 --",
            "$$; SELECT pg_sleep(10); $$",
            "E'\\x00'",
            "websearch_to_tsquery('x')",
            "deploy\u0000billing",
            "plainto_tsquery",
            "setweight",
            "COLLATE \"C\"",
            "memkit.memories"));
    return queries;
  }

  @BeforeAll
  static void open() {
    schema = PostgresServer.schemaFor(UUID.randomUUID());
    memkit = TestStores.open(schema, "");
    memkit
        .space()
        .memories()
        .add(AddMemory.of("We deployed billing v1.2 on Tuesday").withTags("release", "v1.2"));
    memkit.space().memories().add(AddMemory.of("Café crème brûlée was served; 日本語のテキスト too"));
    memkit.space().memories().add(AddMemory.of("Rollback of the deploy happened at night"));
    memkit
        .space("other")
        .memories()
        .add(AddMemory.of("deploy billing rollback in another namespace"));
  }

  @AfterAll
  static void close() {
    memkit.close();
  }

  @Test
  void everyHostileQueryGivesResultsOrNothingFromItsOwnNamespace() throws Exception {
    long before = memories();
    for (String q : hostile()) {
      List<SearchHit> hits =
          memkit.space().memories().search(new SearchMemories(q, MemoryFilter.ALL, 10));
      assertThat(hits)
          .as("query %s", q)
          .allSatisfy(h -> assertThat(h.memory().namespace()).isEqualTo(Namespace.DEFAULT));
    }
    assertThat(memories()).isEqualTo(before);
  }

  @Test
  void operatorsAreReadAsTheWordsAroundThem() {
    assertThat(search("deploy & billing")).hasSize(2);
    assertThat(search("deploy & billing").get(0).matchedTerms()).isEqualTo(2);
    assertThat(search("!deploy")).hasSize(2);
    assertThat(search("deploy:*")).hasSize(2);
    assertThat(search("'; DROP TABLE memories; --")).isNotNull();
    assertThat(search("creme brulee")).hasSize(1);
    assertThat(search("日本語のテキスト")).hasSize(1);
  }

  @Test
  void wordsThatAreTsquerySyntaxAreSafeEvenPastTheCore() {
    try (Store store =
        new PostgresStoreProvider()
            .open(StoreLocation.parse(PostgresServer.get().uri(schema, ""), Map.of()))) {
      List<String> words =
          List.of(
              "deploy & x",
              "!",
              "deploy:*",
              "'deploy':A",
              "<->",
              "(",
              ")",
              "'",
              "''",
              "\\",
              "",
              " ",
              "\u0000",
              "deploy\u0000x",
              "a | b",
              "x".repeat(5000));
      for (String w : words) {
        SearchQuery q = new SearchQuery(w, List.of(w, "deploy"), List.of(w, "deploi"));
        List<SearchHit> hits =
            store.read(tx -> tx.memories().search(Namespace.DEFAULT, q, MemoryFilter.ALL, 10));
        assertThat(hits)
            .as(w)
            .allSatisfy(h -> assertThat(h.memory().namespace()).isEqualTo(Namespace.DEFAULT));
      }
    }
  }

  private static List<SearchHit> search(String q) {
    return memkit.space().memories().search(new SearchMemories(q, MemoryFilter.ALL, 10));
  }

  private static long memories() throws Exception {
    try (Connection c = PostgresServer.get().connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + schema + ".memories")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
