package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SQLite store promises beyond the contract suite: files, schema, locks, group commit,
 * backups.
 */
class SqliteStoreTest {
  @TempDir Path dir;

  private Store open(String uri) {
    return new SqliteStoreProvider().open(StoreLocation.parse(uri, Map.of()));
  }

  private Memkit memkit(String uri) {
    return Memkit.open(
        uri,
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING));
  }

  private static StateEntry entry(String key) {
    return new StateEntry(
        Namespace.DEFAULT,
        StateKey.of(key),
        JsonValue.of(key),
        1,
        Instant.parse("2026-11-21T07:00:00Z"));
  }

  @Test
  void createsTheFileAndItsDirectories() {
    Path file = dir.resolve("a/b/c/memkit.db");
    try (Store store = open("sqlite:" + file)) {
      assertThat(store.description()).isEqualTo("sqlite:" + file);
    }
    assertThat(file).isRegularFile();
  }

  @Test
  void databaseFromANewerVersionIsRefusedAndLeftUnchanged() throws Exception {
    Path file = dir.resolve("newer.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE future (x)");
      s.execute("PRAGMA user_version = 99");
    }
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> open("sqlite:" + file))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("newer memkit");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void aLockedFileGivesAClearErrorAndWorksOnceReleased() throws Exception {
    Path file = dir.resolve("locked.db");
    try (Store store = open("sqlite:" + file + "?busy_timeout=200")) {
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = other.createStatement()) {
        s.execute("BEGIN EXCLUSIVE");
        assertThatThrownBy(
                () ->
                    store.write(
                        tx -> {
                          tx.state().put(entry("k"));
                          return null;
                        }))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("locked by another process");
        s.execute("ROLLBACK");
      }
      store.write(
          tx -> {
            tx.state().put(entry("k"));
            return null;
          });
      Optional<StateEntry> found =
          store.read(tx -> tx.state().find(Namespace.DEFAULT, StateKey.of("k")));
      assertThat(found).isPresent();
    }
  }

  @Test
  void aDirectoryInPlaceOfTheFileIsAClearError() throws Exception {
    Files.createDirectories(dir.resolve("taken.db"));
    assertThatThrownBy(() -> open("sqlite:" + dir.resolve("taken.db")))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  void malformedParametersAreValidationErrors() {
    assertThatThrownBy(() -> open("sqlite:" + dir.resolve("x.db") + "?synchronous=off"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("synchronous");
    assertThatThrownBy(() -> open("sqlite:" + dir.resolve("x.db") + "?journal=delete"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown parameter 'journal'");
    assertThatThrownBy(() -> open("sqlite:" + dir.resolve("x.db") + "?backup_interval=soon"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("backup_interval");
    assertThatThrownBy(() -> open("sqlite:"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("database file");
  }

  @Test
  void concurrentWritesAreGroupedAndAFailingOneIsRolledBackAlone() throws Exception {
    try (Store store = open("sqlite:" + dir.resolve("group.db"))) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  try {
                    store.write(
                        tx -> {
                          tx.state().put(entry("key-" + n));
                          tx.memories().nextId();
                          if (n % 3 == 0) {
                            throw new IllegalStateException("unit " + n + " fails");
                          }
                          return null;
                        });
                    return "ok";
                  } catch (IllegalStateException e) {
                    return e.getMessage();
                  }
                }));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get(60, TimeUnit.SECONDS))
            .isEqualTo(i % 3 == 0 ? "unit " + i + " fails" : "ok");
      }
      pool.shutdown();
      store.read(
          tx -> {
            List<StateEntry> all = tx.state().list(Namespace.DEFAULT, "key-");
            Set<String> keys = new HashSet<>();
            all.forEach(e -> keys.add(e.key().value()));
            for (int i = 0; i < 400; i++) {
              assertThat(keys.contains("key-" + i)).as("key-" + i).isEqualTo(i % 3 != 0);
            }
            return null;
          });
      long next = store.write(tx -> tx.memories().nextId().value());
      assertThat(next)
          .as("ids reserved by failed units are given back; the others are used")
          .isEqualTo(400 - 134 + 1);
    }
  }

  @Test
  void aUnitOfWorkViewCannotBeUsedAfterItEnds() {
    try (Store store = open("sqlite:" + dir.resolve("escape.db"))) {
      var escaped = store.read(tx -> tx);
      assertThatThrownBy(() -> escaped.state().find(Namespace.DEFAULT, StateKey.of("k")))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(
              () ->
                  store.read(
                      tx -> {
                        tx.state().put(entry("k"));
                        return null;
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("read may not write");
    }
  }

  @Test
  void backupsAreRotatedToBackupKeep() throws Exception {
    try (Store store = open("sqlite:" + dir.resolve("rot.db") + "?backup_keep=3")) {
      List<BackupInfo> made = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        made.add(store.backups().create("manual"));
      }
      List<BackupInfo> kept = store.backups().list();
      assertThat(kept)
          .extracting(BackupInfo::id)
          .containsExactly(made.get(4).id(), made.get(3).id(), made.get(2).id());
      assertThat(kept)
          .allSatisfy(
              b -> {
                assertThat(b.reason()).isEqualTo("manual");
                assertThat(b.sizeBytes()).isPositive();
              });
      try (var files = Files.list(dir.resolve("rot.db.backups"))) {
        assertThat(files.count()).isEqualTo(3);
      }
    }
  }

  @Test
  void backupsAreTakenAutomaticallyAfterEnoughWrites() throws Exception {
    try (Memkit memkit =
        memkit("sqlite:" + dir.resolve("auto.db") + "?backup_every_writes=5&synchronous=normal")) {
      for (int i = 0; i < 12; i++) {
        memkit.space().memories().add(AddMemory.of("write " + i));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (memkit.backups(Actor.of("test")).list().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(memkit.backups(Actor.of("test")).list())
          .isNotEmpty()
          .allMatch(b -> b.reason().equals("auto"));
    }
  }

  @Test
  void restoreKeepsTheAuditLogAndNeverReusesIds() {
    try (Memkit memkit = memkit("sqlite:" + dir.resolve("restore.db") + "?synchronous=normal")) {
      var memories = memkit.space().memories();
      for (int i = 1; i <= 3; i++) {
        memories.add(AddMemory.of("kept " + i));
      }
      BackupInfo backup = memkit.backups(Actor.of("test")).create();
      memories.add(AddMemory.of("lost 4"));
      memories.add(AddMemory.of("lost 5"));
      memkit.backups(Actor.of("test")).restore(backup.id());

      assertThat(memories.find(MemoryId.of(3))).isPresent();
      assertThat(memories.find(MemoryId.of(4))).isEmpty();
      assertThat(memories.search(dev.memkit.core.port.in.SearchMemories.of("lost"))).isEmpty();
      assertThat(memories.search(dev.memkit.core.port.in.SearchMemories.of("kept"))).hasSize(3);
      assertThat(memories.add(AddMemory.of("after")).memory().id().value()).isEqualTo(6);
      assertThat(memkit.space().audit().list(ListAudit.newest(50)).items())
          .extracting(e -> e.target())
          .contains("memory:4", "memory:5");
    }
  }

  @Test
  void restoringAnUnknownBackupIsNotFound() {
    try (Store store = open("sqlite:" + dir.resolve("nf.db"))) {
      assertThatThrownBy(() -> store.backups().restore("../../etc/passwd"))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> store.backups().restore("20260101T000000000Z-manual"))
          .isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void closedStoreRefusesWork() {
    Store store = open("sqlite:" + dir.resolve("closed.db"));
    store.close();
    store.close();
    assertThatThrownBy(() -> store.read(tx -> null))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.write(tx -> null))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aLocationThatCannotBeWrittenIsAClearError() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(Path.of("/proc/self")), "needs /proc");
    assertThatThrownBy(() -> open("sqlite:/proc/self/memkit/m.db"))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot create the directory /proc/self/memkit");
  }

  @Test
  void aReadOnlyDirectoryIsAClearError() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")), "root ignores file permissions");
    Path ro = Files.createDirectories(dir.resolve("ro"));
    try (Store store = open("sqlite:" + ro.resolve("m.db"))) {
      store.write(
          tx -> {
            tx.state().put(entry("k"));
            return null;
          });
    }
    ro.resolve("m.db").toFile().setReadOnly();
    ro.toFile().setReadOnly();
    try {
      assertThatThrownBy(
              () -> {
                try (Store store = open("sqlite:" + ro.resolve("m.db"))) {
                  store.write(
                      tx -> {
                        tx.state().put(entry("k2"));
                        return null;
                      });
                }
              })
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("read-only");
    } finally {
      ro.toFile().setWritable(true);
      ro.resolve("m.db").toFile().setWritable(true);
    }
  }
}
