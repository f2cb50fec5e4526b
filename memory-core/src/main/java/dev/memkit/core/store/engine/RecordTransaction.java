package dev.memkit.core.store.engine;

import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.out.AuditLog;
import dev.memkit.core.port.out.GoalRecords;
import dev.memkit.core.port.out.MemoryRecords;
import dev.memkit.core.port.out.StateRecords;
import dev.memkit.core.port.out.StoreTransaction;
import dev.memkit.core.port.out.VectorRecords;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * One unit of work's view of a {@link RecordSet}: the store ports over the records in memory. A
 * write records how to undo each change in its {@link UndoLog} and tells it to its {@link
 * RecordChanges}; a read may not write.
 */
public final class RecordTransaction implements StoreTransaction, AuditLog {
  private final RecordSet records;
  private final AuditStorage audit;
  private final UndoLog undo;
  private final RecordChanges changes;
  private final StateView stateView = new StateView(this);
  private final MemoryView memoryView = new MemoryView(this);
  private final GoalView goalView = new GoalView(this);
  private final VectorRecords vectors;
  private boolean changed;

  RecordTransaction(
      RecordSet records,
      AuditStorage audit,
      UndoLog undo,
      RecordChanges changes,
      Function<RecordTransaction, VectorRecords> vectors) {
    this.records = records;
    this.audit = audit;
    this.undo = undo;
    this.changes = changes;
    this.vectors = vectors == null ? new MemoryVectors(this) : vectors.apply(this);
  }

  /** The records this unit works on. */
  public RecordSet records() {
    return records;
  }

  /**
   * Checks that this unit may write.
   *
   * @throws IllegalStateException in a read, or once the unit has ended
   */
  public void requireWritable() {
    if (undo == null) {
      throw new IllegalStateException("a read may not write");
    }
    undo.check();
  }

  /**
   * Records how to undo the change just made (the caller checked {@link #requireWritable} before
   * making it).
   */
  void changed(Runnable undoStep) {
    undo.push(undoStep);
    changed = true;
  }

  /** Whether the unit changed anything. */
  boolean hasChanged() {
    return changed;
  }

  RecordChanges changes() {
    return changes;
  }

  @Override
  public StateRecords state() {
    return stateView;
  }

  @Override
  public MemoryRecords memories() {
    return memoryView;
  }

  @Override
  public GoalRecords goals() {
    return goalView;
  }

  @Override
  public AuditLog audit() {
    return this;
  }

  @Override
  public Optional<VectorRecords> vectors() {
    return Optional.of(vectors);
  }

  @Override
  public SortedSet<Namespace> namespaces() {
    return records.namespaces();
  }

  @Override
  public AuditEntry append(AuditEntry entry) {
    requireWritable();
    AuditEntry stored = entry.withSequence(audit.lastSequence() + 1);
    audit.append(stored);
    changed(audit::removeLast);
    changes.auditAppended(stored);
    return stored;
  }

  @Override
  public List<AuditEntry> query(Optional<Namespace> namespace, AuditQuery query) {
    return audit.query(namespace, query);
  }
}
