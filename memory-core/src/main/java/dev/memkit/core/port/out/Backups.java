package dev.memkit.core.port.out;

import dev.memkit.core.model.BackupInfo;
import java.util.List;

/**
 * A store's backups of its data. A store rotates them, keeping the newest {@code backup_keep}
 * (default 20, from {@code MEMKIT_BACKUP_KEEP}).
 */
public interface Backups {
  /**
   * Takes a backup of every namespace's state, memories and goals now; {@code reason} is kept with
   * it.
   */
  BackupInfo create(String reason);

  /** The backups held, newest first. */
  List<BackupInfo> list();

  /**
   * Replaces the state, memories and goals of every namespace with those of backup {@code id}. The
   * audit log is kept as it is. Callers take a backup first, so a restore can be undone.
   *
   * @throws dev.memkit.core.error.NotFoundException when there is no such backup
   */
  void restore(String id);
}
