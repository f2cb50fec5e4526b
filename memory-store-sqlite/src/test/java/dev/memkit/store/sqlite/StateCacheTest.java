package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.SetState;
import dev.memkit.core.port.in.StateUseCase;
import dev.memkit.core.port.out.Observer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State reads are answered from the cache while the file has not changed, and never give an entry
 * older than the last change committed to the file — by this process, by another connection, or by
 * another process.
 */
class StateCacheTest {
  @TempDir Path dir;

  final AtomicInteger storeReads = new AtomicInteger();
  final Observer observer =
      new Observer() {
        @Override
        public void storeOperation(String operation, boolean failed, long nanos) {
          if (operation.equals("read")) {
            storeReads.incrementAndGet();
          }
        }
      };

  private Memkit open(String uri, Map<String, String> environment) {
    return Memkit.open(
        uri,
        MemkitOptions.defaults()
            .withEnvironment(environment)
            .withTokenizer(WordTokenCounterProvider.ENCODING)
            .withObserver(observer));
  }

  private String uri() {
    return "sqlite:" + dir.resolve("state.db");
  }

  private static Optional<JsonValue> value(StateUseCase state, String key) {
    return state.get(StateKey.of(key)).map(StateEntry::value);
  }

  @Test
  void aRepeatedReadOfAnUnchangedKeyDoesNotReachTheStore() {
    try (Memkit memkit = open(uri(), Map.of())) {
      StateUseCase state = memkit.space().state();
      state.set(SetState.of(StateKey.of("mode"), JsonValue.of("fast")));
      storeReads.set(0);
      assertThat(value(state, "mode")).contains(JsonValue.of("fast"));
      assertThat(value(state, "mode")).contains(JsonValue.of("fast"));
      assertThat(value(memkit.space().state(), "mode")).contains(JsonValue.of("fast"));
      assertThat(value(state, "unset")).isEmpty();
      assertThat(value(state, "unset")).isEmpty();
      assertThat(storeReads).as("one read per key").hasValue(2);
    }
  }

  @Test
  void withTheCacheOffEveryReadReachesTheStore() {
    try (Memkit memkit = open(uri(), Map.of("MEMKIT_STATE_CACHE_MB", "0"))) {
      StateUseCase state = memkit.space().state();
      state.set(SetState.of(StateKey.of("mode"), JsonValue.of("fast")));
      storeReads.set(0);
      for (int i = 0; i < 3; i++) {
        assertThat(value(state, "mode")).contains(JsonValue.of("fast"));
      }
      assertThat(storeReads).hasValue(3);
    }
  }

  @Test
  void aWriteOfThisProcessIsSeenByTheNextRead() {
    try (Memkit memkit = open(uri(), Map.of())) {
      StateUseCase state = memkit.space().state();
      assertThat(value(state, "mode")).isEmpty();
      for (int i = 1; i <= 20; i++) {
        state.set(SetState.of(StateKey.of("mode"), JsonValue.of(i)));
        assertThat(state.get(StateKey.of("mode")))
            .get()
            .extracting(StateEntry::version)
            .isEqualTo((long) i);
      }
      // a change to another key or namespace is a change too: the entry is read again, and equal
      memkit.space("other").state().set(SetState.of(StateKey.of("mode"), JsonValue.of("x")));
      assertThat(value(state, "mode")).contains(JsonValue.of(20));
      assertThat(value(memkit.space("other").state(), "mode")).contains(JsonValue.of("x"));
    }
  }

  @Test
  void aChangeThroughAnotherConnectionToTheFileIsSeenByTheNextRead() throws Exception {
    try (Memkit memkit = open(uri(), Map.of());
        Memkit other = open(uri(), Map.of())) {
      StateUseCase state = memkit.space().state();
      state.set(SetState.of(StateKey.of("mode"), JsonValue.of("fast")));
      assertThat(value(state, "mode")).contains(JsonValue.of("fast"));

      other.space().state().set(SetState.of(StateKey.of("mode"), JsonValue.of("other memkit")));
      assertThat(value(state, "mode")).contains(JsonValue.of("other memkit"));

      // a plain SQL change, outside memkit altogether
      try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
          Statement sql = raw.createStatement()) {
        sql.execute("PRAGMA busy_timeout = 10000");
        sql.executeUpdate(
            "UPDATE state SET value = '\"raw sql\"', version = version + 1 WHERE key = 'mode'");
      }
      assertThat(value(state, "mode")).contains(JsonValue.of("raw sql"));

      other.space().state().delete(dev.memkit.core.port.in.DeleteState.of(StateKey.of("mode")));
      assertThat(value(state, "mode")).isEmpty();
    }
  }

  @Test
  void aChangeByAnotherProcessIsSeenByTheNextRead() throws Exception {
    try (Memkit memkit = open(uri(), Map.of())) {
      StateUseCase state = memkit.space().state();
      state.set(SetState.of(StateKey.of("mode"), JsonValue.of("before")));
      assertThat(value(state, "mode")).contains(JsonValue.of("before"));
      assertThat(value(state, "mode")).contains(JsonValue.of("before"));

      Process child =
          StoreChild.launch(dir.resolve("child.err"), "state", uri(), "mode", "from a process");
      byte[] out = child.getInputStream().readAllBytes();
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.err"))).isZero();
      assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("ack 2\n");

      assertThat(value(state, "mode")).contains(JsonValue.of("from a process"));
      assertThat(state.get(StateKey.of("mode")))
          .get()
          .extracting(StateEntry::version)
          .isEqualTo(2L);
    }
  }

  @Test
  void aReadNeverReturnsLessThanWhatAnotherConnectionHadAcknowledgedWhenItBegan() throws Exception {
    try (Memkit memkit = open(uri(), Map.of());
        Memkit other = open(uri() + "?synchronous=normal", Map.of())) {
      StateUseCase state = memkit.space().state();
      StateUseCase writer = other.space().state();
      writer.set(SetState.of(StateKey.of("counter"), JsonValue.of(0)));
      java.util.concurrent.atomic.AtomicLong acknowledged =
          new java.util.concurrent.atomic.AtomicLong();
      int writes = 300;
      Thread writing =
          new Thread(
              () -> {
                for (int i = 1; i <= writes; i++) {
                  writer.set(SetState.of(StateKey.of("counter"), JsonValue.of(i)));
                  acknowledged.set(i);
                }
              });
      writing.start();
      long reads = 0;
      while (writing.isAlive() || reads == 0) {
        long before = acknowledged.get();
        long seen = state.get(StateKey.of("counter")).orElseThrow().version() - 1;
        assertThat(seen).as("read %d", reads).isGreaterThanOrEqualTo(before);
        reads++;
      }
      writing.join(60_000);
      assertThat(value(state, "counter")).contains(JsonValue.of(writes));
      assertThat(reads).isPositive();
    }
  }

  @Test
  void aRestoredBackupIsSeenByTheNextRead() {
    try (Memkit memkit = open(uri(), Map.of())) {
      StateUseCase state = memkit.space().state();
      state.set(SetState.of(StateKey.of("mode"), JsonValue.of("backed up")));
      String id = memkit.backups(Actor.EMBEDDED).create().id();
      state.set(SetState.of(StateKey.of("mode"), JsonValue.of("after the backup")));
      assertThat(value(state, "mode")).contains(JsonValue.of("after the backup"));

      memkit.backups(Actor.EMBEDDED).restore(id);
      assertThat(value(state, "mode")).contains(JsonValue.of("backed up"));
    }
  }
}
