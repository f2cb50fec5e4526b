package dev.memkit.store.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.port.out.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code json:} URI: parameters, their environment fallbacks and defaults, and bad values. */
class JsonStoreProviderTest {
  @TempDir Path dir;

  private static JsonStoreSettings settings(String uri, Map<String, String> env) {
    return JsonStoreSettings.from(StoreLocation.parse(uri, env));
  }

  @Test
  void parametersFallBackToTheEnvironmentThenToDefaults() {
    JsonStoreSettings defaults = settings("json:data/memkit", Map.of());
    assertThat(defaults.dir()).isEqualTo(Path.of("data/memkit").toAbsolutePath().normalize());
    assertThat(defaults.backupKeep()).isEqualTo(20);
    assertThat(defaults.compactBytes()).isEqualTo(1 << 20);
    assertThat(defaults.compactFactor()).isEqualTo(4);
    assertThat(defaults.fsync()).isTrue();

    Map<String, String> env =
        Map.of(
            "MEMKIT_BACKUP_KEEP",
            "7",
            "MEMKIT_JSON_COMPACT_BYTES",
            "65536",
            "MEMKIT_JSON_COMPACT_FACTOR",
            "2",
            "MEMKIT_JSON_FSYNC",
            "never");
    JsonStoreSettings fromEnv = settings("json:/srv/memkit", env);
    assertThat(fromEnv.backupKeep()).isEqualTo(7);
    assertThat(fromEnv.compactBytes()).isEqualTo(65536);
    assertThat(fromEnv.compactFactor()).isEqualTo(2);
    assertThat(fromEnv.fsync()).isFalse();

    JsonStoreSettings fromUri =
        settings(
            "json:/srv/memkit?backup_keep=3&compact_bytes=4096&compact_factor=1&fsync=ALWAYS", env);
    assertThat(fromUri.backupKeep()).isEqualTo(3);
    assertThat(fromUri.compactBytes()).isEqualTo(4096);
    assertThat(fromUri.compactFactor()).isEqualTo(1);
    assertThat(fromUri.fsync()).isTrue();
  }

  @Test
  void badParametersAreRejectedBeforeAnythingIsCreated() {
    Path store = dir.resolve("never-created");
    assertThatThrownBy(
            () -> Memkit.open("json:" + store + "?fsync=sometimes", TestStores.options()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("fsync"));
    assertThatThrownBy(
            () -> Memkit.open("json:" + store + "?compact_bytes=12", TestStores.options()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("compact_bytes"));
    for (String factor : new String[] {"0", "65", "two"}) {
      assertThatThrownBy(
              () ->
                  Memkit.open("json:" + store + "?compact_factor=" + factor, TestStores.options()))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("compact_factor"));
    }
    assertThatThrownBy(() -> Memkit.open("json:" + store + "?backup_keep=0", TestStores.options()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("backup_keep"));
    assertThatThrownBy(() -> Memkit.open("json:", TestStores.options()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("store"));
    assertThat(store).doesNotExist();
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsStoreUnavailable() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    assertThatThrownBy(() -> Memkit.open("json:" + file.resolve("store"), TestStores.options()))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot create store directory " + file.resolve("store"));
  }

  @Test
  void aSecondOpenInTheSameProcessIsRefusedAndTheFirstKeepsItsLock() {
    try (Memkit first = Memkit.open("json:" + dir, TestStores.options())) {
      assertThat(first.storeDescription()).isEqualTo("json:" + dir.toAbsolutePath());
      assertThatThrownBy(() -> Memkit.open("json:" + dir, TestStores.options()))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessage(
              "store in "
                  + dir.toAbsolutePath()
                  + " is locked by process "
                  + ProcessHandle.current().pid());
      first
          .space()
          .state()
          .set(
              dev.memkit.core.model.StateKey.of("still"),
              dev.memkit.core.json.JsonValue.of("open"));
    }
    try (Memkit again = Memkit.open("json:" + dir, TestStores.options())) {
      assertThat(again.space().state().get(dev.memkit.core.model.StateKey.of("still"))).isPresent();
    }
  }
}
