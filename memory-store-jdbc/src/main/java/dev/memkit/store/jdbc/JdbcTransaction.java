package dev.memkit.store.jdbc;

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
 * The records one unit of work sees, over one connection inside a transaction the store opened.
 * Valid only while that unit runs ({@link #end} then makes every later call fail); a read's view
 * refuses to write. In a write, single-record reads lock their rows with the dialect's {@link
 * JdbcDialect#rowLock()}, so that a read-modify-write cannot lose a concurrent writer's change.
 */
public final class JdbcTransaction implements StoreTransaction {
  private final SqlConnection sql;
  private final boolean writable;
  private final JdbcDialect dialect;
  private boolean active = true;
  private final StateTable state;
  private final MemoryTable memories;
  private final GoalTable goals;
  private final AuditTable audit;
  private final VectorTable vectors;

  /**
   * A view over {@code sql}, whose transaction the caller opened and will end; {@code writable} for
   * a write.
   */
  public JdbcTransaction(SqlConnection sql, boolean writable, JdbcDialect dialect) {
    this.sql = sql;
    this.writable = writable;
    this.dialect = dialect;
    this.state = new StateTable(this);
    this.memories = new MemoryTable(this);
    this.goals = new GoalTable(this);
    this.audit = new AuditTable(this);
    this.vectors = new VectorTable(this);
  }

  /** The connection, for reading; fails once the unit of work has ended. */
  public SqlConnection sql() {
    if (!active) {
      throw new IllegalStateException(
          "this view of the store was used after its unit of work ended");
    }
    return sql;
  }

  /** The connection, for writing; fails in a read. */
  public SqlConnection writing() {
    SqlConnection s = sql();
    if (!writable) {
      throw new IllegalStateException("a read may not write");
    }
    return s;
  }

  /** Whether this unit may write, and so locks the rows it reads. */
  public boolean writable() {
    return writable;
  }

  /** The view of the same unit of work that only reads (for a read nested in a write). */
  public JdbcTransaction readOnly() {
    return new JdbcTransaction(sql(), false, dialect);
  }

  JdbcDialect dialect() {
    return dialect;
  }

  /** The dialect's row lock in a write, nothing in a read. */
  String lock() {
    return writable ? dialect.rowLock() : "";
  }

  /** Ends this view: later calls fail. */
  public void end() {
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
      sql()
          .list(
              "WITH RECURSIVE ns(name) AS (SELECT min(namespace) FROM "
                  + table
                  + " UNION ALL SELECT (SELECT min(namespace) FROM "
                  + table
                  + " WHERE namespace > ns.name) FROM ns"
                  + " WHERE ns.name IS NOT NULL) SELECT name FROM ns WHERE name IS NOT NULL",
              rs -> out.add(NameCache.namespace(rs.getString(1))));
    }
    return out;
  }
}
