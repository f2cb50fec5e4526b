package dev.memkit.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.out.StoreLocation;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code integrity_check=auto}, the default: the file is checked on open when the last process did
 * not close it (its {@code -wal} is still there) or when it fails to open; a cleanly closed file
 * opens without the check.
 */
class IntegrityCheckTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("memkit.db");
  }

  private Memkit open() {
    return Memkit.open(
        "sqlite:" + file() + "?synchronous=normal&backup_every_writes=0",
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING));
  }

  /** 300 memories and a backup holding them, closed cleanly. */
  private void storeWithBackup() {
    try (Memkit memkit = open()) {
      for (int i = 0; i < 300; i++) {
        memkit
            .space()
            .memories()
            .add(
                AddMemory.of(
                    "memory number " + i + " " + "lorem ipsum dolor sit amet ".repeat(20)));
      }
      memkit.backups(Actor.of("test")).create();
    }
    assertThat(IntegrityRecovery.notClosedCleanly(file()))
        .as("a clean close removes the write-ahead log")
        .isFalse();
  }

  private void assertRecovered() throws IOException {
    try (Memkit memkit = open()) {
      assertThat(memkit.space().memories().find(MemoryId.of(300))).isPresent();
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("memkit.db.damaged-"));
    }
  }

  @Test
  void autoIsTheDefaultAndTheModesAreChecked() {
    assertThat(
            SqliteSettings.of(StoreLocation.parse("sqlite:" + file(), Map.of())).integrityCheck())
        .isEqualTo(SqliteSettings.IntegrityCheck.AUTO);
    assertThat(
            SqliteSettings.of(
                    StoreLocation.parse("sqlite:" + file() + "?integrity_check=quick", Map.of()))
                .integrityCheck())
        .isEqualTo(SqliteSettings.IntegrityCheck.QUICK);
    assertThatThrownBy(
            () ->
                SqliteSettings.of(
                    StoreLocation.parse("sqlite:" + file() + "?integrity_check=full", Map.of())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("auto, quick or off");
  }

  @Test
  void damageFoundAfterAnUncleanShutdownIsRecovered() throws IOException {
    storeWithBackup();
    try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
      long middle = raf.length() / 2 / 4096 * 4096;
      byte[] junk = new byte[8 * 4096];
      new Random(3).nextBytes(junk);
      raf.seek(middle);
      raf.write(junk);
    }
    // what a killed process leaves: its write-ahead log (here empty, so it replays nothing)
    Files.createFile(file().resolveSibling("memkit.db-wal"));
    assertRecovered();
  }

  @Test
  void aCleanlyClosedFileThatNoLongerOpensIsCheckedAndRecovered() throws IOException {
    storeWithBackup();
    try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
      byte[] junk = new byte[100];
      new Random(1).nextBytes(junk);
      raf.write(junk);
    }
    assertRecovered();
  }
}
