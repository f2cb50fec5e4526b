package dev.memkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memkit.store.postgres.PostgresServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real server processes (the shaded server jar) on one PostgreSQL: two replicas under sixteen
 * clients each, a replica killed with {@code SIGKILL} mid-write, and PostgreSQL itself stopped and
 * started under load. Acknowledged means a 200 or 201 reached the client.
 */
class PostgresServersTest {
  private static final Pattern VALUE = Pattern.compile("\"value\":(\\d+)");
  private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

  @TempDir Path dir;

  private static String schema() {
    return PostgresServer.schemaFor(UUID.randomUUID());
  }

  private static long sql(String query) throws Exception {
    try (Connection c = PostgresServer.get().connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Set<String> storedKeys(String schema) throws Exception {
    Set<String> keys = new HashSet<>();
    try (Connection c = PostgresServer.get().connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT client_key FROM " + schema + ".memories WHERE client_key IS NOT NULL")) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    }
    return keys;
  }

  @Test
  void twoServersWithSixteenClientsEachLoseAndDoubleNothing() throws Exception {
    String schema = schema();
    String store = PostgresServer.get().uri(schema, "pool_size=8");
    int clients = 16;
    int ownWrites = 10;
    int sharedKeys = 10;
    int increments = 2;
    try (ServerProcess a = ServerProcess.start(store, dir.resolve("a.log"));
        ServerProcess b = ServerProcess.start(store, dir.resolve("b.log"))) {
      assertThat(a.send("PUT", "/v1/state/counter", "{\"value\":0}").statusCode()).isEqualTo(200);
      AtomicInteger created = new AtomicInteger();
      AtomicInteger conflicts = new AtomicInteger();
      AtomicInteger casWrites = new AtomicInteger();
      Map<Integer, Integer> otherStatuses = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(2 * clients);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> done = new ArrayList<>();
      try {
        for (int c = 0; c < 2 * clients; c++) {
          int client = c;
          ServerProcess server = c % 2 == 0 ? a : b;
          done.add(
              pool.submit(
                  (Callable<Object>)
                      () -> {
                        go.await();
                        for (int i = 0; i < ownWrites; i++) {
                          HttpResponse<String> r =
                              server.addMemory(
                                  "client " + client + " write " + i, "c" + client + "-" + i);
                          if (r.statusCode() != 201) {
                            otherStatuses.merge(r.statusCode(), 1, Integer::sum);
                          }
                          if (i < sharedKeys) {
                            HttpResponse<String> s = server.addMemory("shared " + i, "shared-" + i);
                            if (s.statusCode() == 201) {
                              created.incrementAndGet();
                            } else if (s.statusCode() != 200) {
                              otherStatuses.merge(s.statusCode(), 1, Integer::sum);
                            }
                          }
                        }
                        int mine = 0;
                        while (mine < increments) {
                          HttpResponse<String> current =
                              server.send("GET", "/v1/state/counter", null);
                          Matcher value = VALUE.matcher(current.body());
                          Matcher version = VERSION.matcher(current.body());
                          assertThat(value.find() && version.find()).as(current.body()).isTrue();
                          HttpResponse<String> put =
                              server.send(
                                  "PUT",
                                  "/v1/state/counter",
                                  "{\"value\":" + (Long.parseLong(value.group(1)) + 1) + "}",
                                  "If-Match",
                                  "\"" + version.group(1) + "\"");
                          if (put.statusCode() == 200) {
                            mine++;
                            casWrites.incrementAndGet();
                          } else if (put.statusCode() == 409) {
                            conflicts.incrementAndGet();
                          } else {
                            otherStatuses.merge(put.statusCode(), 1, Integer::sum);
                          }
                        }
                        return null;
                      }));
        }
        go.countDown();
        for (Future<Object> f : done) {
          f.get(240, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(otherStatuses).as("responses other than 200, 201 and 409").isEmpty();
      assertThat(created.get()).as("shared keys created once each").isEqualTo(sharedKeys);
      int total = 2 * clients * ownWrites + sharedKeys;
      assertThat(sql("SELECT count(*) FROM " + schema + ".memories")).isEqualTo(total);
      assertThat(
              sql(
                  "SELECT count(*) FROM (SELECT client_key FROM "
                      + schema
                      + ".memories GROUP BY namespace, client_key"
                      + " HAVING count(*) > 1) d"))
          .isZero();
      assertThat(sql("SELECT count(*) FROM " + schema + ".audit WHERE action = 'memory.add'"))
          .isEqualTo(total);
      int increments2 = 2 * clients * increments;
      assertThat(casWrites.get())
          .as("writes accepted, beside %s refused with 409", conflicts.get())
          .isEqualTo(increments2);
      HttpResponse<String> last = b.send("GET", "/v1/state/counter", null);
      assertThat(last.body())
          .contains("\"value\":" + increments2)
          .contains("\"version\":" + (increments2 + 1));
      // every 409 was a real conflict: the log holds exactly the successful writes, none of the
      // refused ones
      assertThat(
              sql(
                  "SELECT count(*) FROM "
                      + schema
                      + ".audit WHERE action = 'state.set' AND target = 'state:counter'"))
          .isEqualTo(increments2 + 1);
    }
  }

  @Test
  void aServerKilledMidWriteLosesNoAcknowledgedWrite() throws Exception {
    String schema = schema();
    String store = PostgresServer.get().uri(schema, "");
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    ServerProcess server = ServerProcess.start(store, dir.resolve("killed.log"));
    List<Thread> writers = new ArrayList<>();
    try {
      for (int w = 0; w < 8; w++) {
        int writer = w;
        Thread t =
            new Thread(
                () -> {
                  for (int i = 0; !stop.get() && i < 10_000; i++) {
                    String key = "k" + writer + "-" + i;
                    try {
                      int status = server.addMemory("write " + key, key).statusCode();
                      if (status == 201 || status == 200) {
                        acknowledged.add(key);
                      }
                    } catch (java.io.IOException | InterruptedException e) {
                      return; // the server is gone
                    }
                  }
                });
        writers.add(t);
        t.start();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acknowledged.size() < 150 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      server.kill();
    } finally {
      stop.set(true);
      for (Thread t : writers) {
        t.join(30_000);
      }
      server.kill();
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(150);
    assertThat(storedKeys(schema)).containsAll(acknowledged);
    // a new replica opens the same schema and serves what the killed one acknowledged
    try (ServerProcess again = ServerProcess.start(store, dir.resolve("again.log"))) {
      String key = acknowledged.peek();
      assertThat(again.addMemory("write " + key, key).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void postgresRestartedUnderLoadGives503ThenServesAgainLosingNothingAcknowledged()
      throws Exception {
    PostgresServer pg = PostgresServer.get();
    assumeTrue(
        pg.restartable(), "the test PostgreSQL was not started here, so it cannot be restarted");
    String schema = schema();
    String store = pg.uri(schema, "connect_timeout=500&retries=2");
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    AtomicInteger afterRestart = new AtomicInteger();
    AtomicBoolean restarted = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<String> unavailableBodies = new ConcurrentLinkedQueue<>();
    try (ServerProcess server = ServerProcess.start(store, dir.resolve("restart.log"))) {
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        Thread t =
            new Thread(
                () -> {
                  for (int i = 0; !stop.get() && i < 100_000; i++) {
                    String key = "r" + writer + "-" + i;
                    try {
                      HttpResponse<String> r = server.addMemory("write " + key, key);
                      statuses.merge(r.statusCode(), 1, Integer::sum);
                      if (r.statusCode() == 201 || r.statusCode() == 200) {
                        acknowledged.add(key);
                        if (restarted.get()) {
                          afterRestart.incrementAndGet();
                        }
                      } else if (r.statusCode() == 503 && unavailableBodies.size() < 3) {
                        unavailableBodies.add(
                            r.headers().firstValue("Content-Type").orElse("") + " " + r.body());
                      }
                    } catch (java.io.IOException | InterruptedException e) {
                      statuses.merge(-1, 1, Integer::sum);
                    }
                  }
                });
        writers.add(t);
        t.start();
      }
      try {
        PostgresServer.await(() -> acknowledged.size() >= 40, 30_000);
        pg.stop();
        PostgresServer.await(() -> statuses.getOrDefault(503, 0) >= 4, 30_000);
        pg.start();
        restarted.set(true);
        PostgresServer.await(() -> afterRestart.get() >= 40, 60_000);
      } finally {
        stop.set(true);
        for (Thread t : writers) {
          t.join(60_000);
        }
        if (!pg.reachable()) {
          pg.start();
        }
      }
    }
    assertThat(statuses.keySet()).as("statuses seen: %s", statuses).containsOnly(201, 503);
    assertThat(unavailableBodies)
        .allSatisfy(b -> assertThat(b).startsWith("application/problem+json"));
    assertThat(afterRestart.get()).isGreaterThanOrEqualTo(40);
    assertThat(storedKeys(schema)).containsAll(acknowledged);
  }
}
