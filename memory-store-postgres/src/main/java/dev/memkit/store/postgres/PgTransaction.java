package dev.memkit.store.postgres;

import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.out.AuditLog;
import dev.memkit.core.port.out.GoalRecords;
import dev.memkit.core.port.out.MemoryRecords;
import dev.memkit.core.port.out.StateRecords;
import dev.memkit.core.port.out.StoreTransaction;
import dev.memkit.core.port.out.VectorRecords;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The records one unit of work sees, over one connection inside an open transaction. In a write,
 * every read of a single record locks its row ({@code SELECT … FOR UPDATE}) until the commit, so a
 * read-modify-write on one replica cannot lose another replica's change. Valid only while the
 * unit runs; a read's view refuses to write.
 */
final class PgTransaction implements StoreTransaction {
  private final Pg pg;
  private final boolean writable;
  private boolean active = true;
  private final StateTable state;
  private final MemoryTable memories;
  private final GoalTable goals;
  private final AuditTable audit;
  private final VectorTable vectors;

  PgTransaction(Pg pg, boolean writable) {
    this.pg = pg;
    this.writable = writable;
    this.state = new StateTable(this);
    this.memories = new MemoryTable(this);
    this.goals = new GoalTable(this);
    this.audit = new AuditTable(this);
    this.vectors = new VectorTable(this);
  }

  /** The connection, for reading; fails once the unit of work has ended. */
  Pg pg() {
    if (!active) {
      throw new IllegalStateException("this view of the store was used after its unit of work ended");
    }
    return pg;
  }

  /** The connection, for writing; fails in a read. */
  Pg writing() {
    Pg p = pg();
    if (!writable) {
      throw new IllegalStateException("a read may not write");
    }
    return p;
  }

  /** Whether this unit may write, and so locks the rows it reads. */
  boolean writable() {
    return writable;
  }

  /** {@code " FOR UPDATE"} in a write, nothing in a read. */
  String lock() {
    return writable ? " FOR UPDATE" : "";
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
    // a skip scan of each namespace index: one probe per namespace, not one step per row
    for (String table : new String[] {"state", "memories", "goals"}) {
      pg().list("WITH RECURSIVE ns(name) AS (SELECT min(namespace) FROM " + table
          + " UNION ALL SELECT (SELECT min(namespace) FROM " + table + " WHERE namespace > ns.name) FROM ns"
          + " WHERE ns.name IS NOT NULL) SELECT name FROM ns WHERE name IS NOT NULL",
          rs -> out.add(Namespace.of(rs.getString(1))));
    }
    return out;
  }
}
