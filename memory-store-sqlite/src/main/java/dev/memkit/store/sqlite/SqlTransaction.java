package dev.memkit.store.sqlite;

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
import java.util.TreeSet;

/**
 * The records one unit of work sees, over one connection inside an open transaction. Valid only
 * while that unit runs; a read's view refuses to write.
 */
final class SqlTransaction implements StoreTransaction {
  private final Db db;
  private final boolean writable;
  private boolean active = true;
  private final StateTable state;
  private final MemoryTable memories;
  private final GoalTable goals;
  private final AuditTable audit;
  private final VectorTable vectors;

  SqlTransaction(Db db, boolean writable) {
    this.db = db;
    this.writable = writable;
    this.state = new StateTable(this);
    this.memories = new MemoryTable(this);
    this.goals = new GoalTable(this);
    this.audit = new AuditTable(this);
    this.vectors = new VectorTable(this);
  }

  /** The connection, for reading; fails once the unit of work has ended. */
  Db db() {
    if (!active) {
      throw new IllegalStateException("this view of the store was used after its unit of work ended");
    }
    return db;
  }

  /** The connection, for writing; fails in a read. */
  Db writing() {
    Db d = db();
    if (!writable) {
      throw new IllegalStateException("a read may not write");
    }
    return d;
  }

  /** Ends this view: later calls fail. */
  void end() {
    active = false;
  }

  @Override
  public StateRecords state() {
    return state;
  }

  @Override
  public MemoryRecords memories() {
    return memories;
  }

  @Override
  public GoalRecords goals() {
    return goals;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public Optional<VectorRecords> vectors() {
    return Optional.of(vectors);
  }

  @Override
  public SortedSet<Namespace> namespaces() {
    SortedSet<Namespace> out = new TreeSet<>();
    for (String table : List.of("state", "memories", "goals")) {
      // a skip scan of the namespace index: one seek per namespace, not one step per row
      db().list("WITH RECURSIVE ns(name) AS (SELECT min(namespace) FROM " + table
          + " UNION ALL SELECT (SELECT min(namespace) FROM " + table + " WHERE namespace > ns.name) FROM ns"
          + " WHERE ns.name IS NOT NULL) SELECT name FROM ns WHERE name IS NOT NULL",
          rs -> out.add(Namespace.of(rs.getString(1))));
    }
    return out;
  }
}
