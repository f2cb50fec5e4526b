package dev.memkit.core.service;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.in.BackupUseCase;
import dev.memkit.core.port.out.Store;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Backups of the whole store. A restore is itself backed up first, and audited in every namespace
 * it touches.
 */
public final class BackupService implements BackupUseCase {
  private final ServiceContext context;
  private final Runnable afterRestore;

  /** Serves the backups of {@code context}'s store; audit entries carry {@code context}'s actor. */
  public BackupService(ServiceContext context) {
    this(context, () -> {});
  }

  /**
   * Serves the backups of {@code context}'s store and runs {@code afterRestore} once a restore has
   * ended, whether it succeeded or not (for what is derived from the data, such as search vectors).
   */
  public BackupService(ServiceContext context, Runnable afterRestore) {
    this.context = context;
    this.afterRestore = java.util.Objects.requireNonNull(afterRestore, "afterRestore");
  }

  @Override
  public BackupInfo create() {
    return store().backups().create("manual");
  }

  @Override
  public List<BackupInfo> list() {
    return store().backups().list();
  }

  @Override
  public BackupInfo restore(String id) {
    Limits.text(id, "backup_id", 200);
    try {
      return restoreChecked(id);
    } finally {
      afterRestore.run();
    }
  }

  private BackupInfo restoreChecked(String id) {
    if (store().backups().list().stream().noneMatch(b -> b.id().equals(id))) {
      throw new NotFoundException("backup '" + id + "'");
    }
    SortedSet<Namespace> touched = new TreeSet<>();
    touched.addAll(store().read(tx -> tx.namespaces()));
    BackupInfo safety = store().backups().create("before-restore");
    store().backups().restore(id);
    store()
        .write(
            tx -> {
              touched.addAll(tx.namespaces());
              if (touched.isEmpty()) {
                touched.add(context.namespace());
              }
              JsonValue before = JsonValue.objectBuilder().put("backup", safety.id()).build();
              JsonValue after = JsonValue.objectBuilder().put("backup", id).build();
              for (Namespace ns : touched) {
                context.audit(tx, ns, "restore", "store", Optional.of(before), Optional.of(after));
              }
              return null;
            });
    return safety;
  }

  private Store store() {
    return context.store();
  }
}
