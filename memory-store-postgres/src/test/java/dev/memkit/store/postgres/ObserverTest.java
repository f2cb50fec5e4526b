package dev.memkit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.out.Observer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store reports to the observer as the other stores do: each read and write of a use
 * case once, with its outcome (the same events as the {@code mem:} store for the same calls), and
 * each backup it takes, with its size.
 */
class ObserverTest {
  /** Records what it is told, as text. */
  static final class Recording implements Observer {
    final List<String> operations = new CopyOnWriteArrayList<>();
    final List<String> backups = new CopyOnWriteArrayList<>();
    final List<Long> backupNanos = new CopyOnWriteArrayList<>();

    @Override
    public void storeOperation(String operation, boolean failed, long nanos) {
      operations.add(operation + (failed ? " failed" : " ok"));
    }

    @Override
    public void backupTaken(String store, long bytes, long nanos) {
      backups.add(store + " " + bytes);
      backupNanos.add(nanos);
    }
  }

  /**
   * Adds two memories and reads one back, on memkit at {@code uri}; returns what its observer
   * heard.
   */
  private static Recording run(String uri) {
    Recording observer = new Recording();
    try (Memkit memkit = Memkit.open(uri, TestStores.options().withObserver(observer))) {
      MemoryId first =
          memkit.space().memories().add(AddMemory.of("the first memory")).memory().id();
      memkit.space().memories().add(AddMemory.of("the second memory"));
      assertThat(memkit.space().memories().find(first)).isPresent();
    }
    return observer;
  }

  @Test
  void eachReadAndWriteIsReportedOnceAsOnEveryOtherStore() {
    Recording postgres =
        run(PostgresServer.get().uri(PostgresServer.schemaFor(UUID.randomUUID()), ""));
    Recording memory = run("mem:");

    assertThat(postgres.operations).isNotEmpty().contains("write ok", "read ok");
    assertThat(postgres.operations).isEqualTo(memory.operations);
  }

  @Test
  void backupsAreReportedWithTheirSize() {
    Recording observer = new Recording();
    String uri = PostgresServer.get().uri(PostgresServer.schemaFor(UUID.randomUUID()), "");
    try (Memkit memkit = Memkit.open(uri, TestStores.options().withObserver(observer))) {
      memkit.space().memories().add(AddMemory.of("kept in the backup"));
      BackupInfo taken = memkit.backups(Actor.of("test")).create();

      assertThat(observer.backups).containsExactly("postgresql " + taken.sizeBytes());
      assertThat(taken.sizeBytes()).isPositive();
      assertThat(observer.backupNanos).allMatch(nanos -> nanos > 0);
    }
  }
}
