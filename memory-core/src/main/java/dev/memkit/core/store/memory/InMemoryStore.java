package dev.memkit.core.store.memory;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreWork;
import dev.memkit.core.store.engine.AuditList;
import dev.memkit.core.store.engine.CommitLog;
import dev.memkit.core.store.engine.RecordEngine;
import dev.memkit.core.store.engine.RecordSet;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A store held in memory: nothing survives the process. For tests and for embedding without
 * persistence. It is the {@link RecordEngine} alone (no commit log, vectors in the records), plus
 * backups held in memory.
 */
final class InMemoryStore implements Store {
  private final String description;
  private final int backupKeep;
  private final Clock clock;
  private final RecordEngine engine;
  private final Deque<Snapshot> backups = new ArrayDeque<>();
  private long backupCounter;

  InMemoryStore(String description, int backupKeep, Clock clock) {
    this.description = description;
    this.backupKeep = backupKeep;
    this.clock = clock;
    this.engine = new RecordEngine(description, new RecordSet(), new AuditList(), null);
  }

  /** A backup: a copy of the records. */
  private record Snapshot(BackupInfo info, RecordSet records) {}

  @Override
  public <T> T read(StoreWork<T> work) {
    return engine.read(work);
  }

  @Override
  public <T> T write(StoreWork<T> work) {
    return engine.write(work, CommitLog.NONE);
  }

  @Override
  public Backups backups() {
    return new MemoryBackups();
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    engine.close();
  }

  /** Backups held in memory, newest first, rotated to {@code backup_keep}. */
  private final class MemoryBackups implements Backups {
    @Override
    public BackupInfo create(String reason) {
      return engine.exclusively(
          () -> {
            engine.ensureOpen();
            backupCounter++;
            RecordSet copy = engine.records().copy();
            BackupInfo info =
                new BackupInfo("mem-" + backupCounter, clock.instant(), copy.records(), reason);
            backups.push(new Snapshot(info, copy));
            while (backups.size() > backupKeep) {
              backups.removeLast();
            }
            return info;
          });
    }

    @Override
    public List<BackupInfo> list() {
      return engine.shared(() -> backups.stream().map(Snapshot::info).toList());
    }

    @Override
    public void restore(String id) {
      engine.exclusively(
          () -> {
            engine.ensureOpen();
            Snapshot snapshot =
                backups.stream()
                    .filter(s -> s.info().id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("backup " + id));
            RecordSet restored = snapshot.records().copy();
            restored.keepIdsAbove(engine.records().lastMemoryId(), engine.records().lastGoalId());
            engine.replace(restored);
            return null;
          });
    }
  }
}
