package dev.memkit.core.port.in;

import dev.memkit.core.model.BackupInfo;
import java.util.List;

/** Backups of the whole store: every namespace. */
public interface BackupUseCase {
  /** Takes a backup now. */
  BackupInfo create();

  /** The backups held, newest first. */
  List<BackupInfo> list();

  /**
   * Restores backup {@code id}, after taking a backup of the current data so the restore can itself
   * be undone (restore the returned backup). Leaves an audit entry.
   *
   * @return the backup taken just before restoring
   * @throws dev.memkit.core.error.NotFoundException when there is no such backup
   */
  BackupInfo restore(String id);
}
