package dev.memkit.store.json;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.store.engine.RecordEngine;
import dev.memkit.core.store.engine.RecordSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's backups: {@code memory_backup_*.json} files ({@link SnapshotBackups}), written from a
 * copy of the records like a compaction's snapshot, so writers go on while one is written. A
 * restore replaces the records, writes a {@code restore} journal record and then rewrites {@code
 * memory.json}.
 */
final class JsonBackups implements Backups {
  private final JsonStoreSettings settings;
  private final Path dir;
  private final Clock clock;
  private final RecordEngine engine;
  private final WritePipeline pipeline;
  private final Compaction compaction;

  JsonBackups(
      JsonStoreSettings settings,
      Clock clock,
      RecordEngine engine,
      WritePipeline pipeline,
      Compaction compaction) {
    this.settings = settings;
    this.dir = settings.dir();
    this.clock = clock;
    this.engine = engine;
    this.pipeline = pipeline;
    this.compaction = compaction;
  }

  @Override
  public BackupInfo create(String reason) {
    try {
      return compaction.maintaining(
          () -> {
            engine.ensureOpen();
            Compaction.Copy copy = compaction.freeze(false);
            WritePipeline.await(copy.journal());
            Instant now = clock.instant();
            String id = SnapshotBackups.nextId(dir, now);
            Path file = SnapshotBackups.path(dir, id).orElseThrow();
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            compaction.writeSnapshot(copy.frozen(), tmp, reason, now);
            DurableFiles.atomicMove(tmp, file);
            DurableFiles.forceDirectory(dir);
            BackupInfo info =
                new BackupInfo(id, DurableFiles.parseStamp(id), Files.size(file), reason);
            SnapshotBackups.rotate(dir, settings.backupKeep());
            return info;
          });
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot write a backup of store in " + dir + ": " + DirectoryLock.describe(e), e);
    }
  }

  @Override
  public List<BackupInfo> list() {
    engine.ensureOpen();
    try {
      List<BackupInfo> out = new ArrayList<>();
      for (String id : SnapshotBackups.ids(dir)) {
        try {
          out.add(SnapshotBackups.info(dir, id));
        } catch (NoSuchFileException e) {
          // rotated away while listing
        }
      }
      return out;
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot list the backups of store in " + dir + ": " + DirectoryLock.describe(e), e);
    }
  }

  @Override
  public void restore(String id) {
    try {
      compaction.maintaining(
          () -> {
            engine.ensureOpen();
            Path file =
                SnapshotBackups.path(dir, id)
                    .filter(Files::exists)
                    .orElseThrow(() -> new NotFoundException("backup " + id));
            RecordSet restored;
            try {
              restored = SnapshotFile.load(file).data();
            } catch (SnapshotFile.DamagedException e) {
              throw new StoreUnavailableException(
                  "backup " + id + " cannot be restored: " + e.getMessage(), e);
            }
            pipeline.restore(id, restored);
            // Fold the restore into memory.json now, so the data no longer depends on the backup
            // file.
            compaction.compact("restore of " + id, false, true);
            return null;
          });
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot restore backup " + id + " of store in " + dir + ": " + DirectoryLock.describe(e),
          e);
    }
  }
}
