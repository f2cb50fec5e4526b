package dev.memkit.store.jdbc;

import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.ProgressNote;
import dev.memkit.core.port.out.GoalRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Goals in table {@code goals}, their timelines in {@code goal_progress}. */
final class GoalTable implements GoalRecords {
  private static final String COLUMNS =
      "id, namespace, title, status, due_at, created_at, updated_at";
  private final JdbcTransaction tx;
  private final IdSequence ids;

  GoalTable(JdbcTransaction tx) {
    this.tx = tx;
    this.ids = tx.dialect().ids(tx, "goal");
  }

  /** A goal row before its timeline is attached. */
  private record Head(
      long id,
      String namespace,
      String title,
      String status,
      String dueAt,
      String createdAt,
      String updatedAt) {}

  @Override
  public GoalId nextId() {
    return GoalId.of(ids.next());
  }

  @Override
  public void put(Goal goal) {
    SqlConnection db = tx.writing();
    long id = goal.id().value();
    db.update(
        "INSERT INTO goals ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            + " namespace = excluded.namespace, title = excluded.title, status = excluded.status,"
            + " due_at = excluded.due_at, created_at = excluded.created_at, updated_at = excluded.updated_at",
        id,
        goal.namespace().value(),
        goal.title(),
        goal.status().wireName(),
        TimeColumns.text(goal.dueAt()),
        TimeColumns.text(goal.createdAt()),
        TimeColumns.text(goal.updatedAt()));
    db.update("DELETE FROM goal_progress WHERE goal_id = ?", id);
    int position = 0;
    for (ProgressNote n : goal.progress()) {
      db.update(
          "INSERT INTO goal_progress (goal_id, position, at, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?)",
          id,
          position++,
          TimeColumns.text(n.at()),
          n.from().wireName(),
          n.to().wireName(),
          n.note().orElse(null));
    }
    ids.movePast(id);
  }

  @Override
  public Optional<Goal> find(Namespace namespace, GoalId id) {
    return tx.sql()
        .first(
            "SELECT " + COLUMNS + " FROM goals WHERE id = ? AND namespace = ?" + tx.lock(),
            GoalTable::head,
            id.value(),
            namespace.value())
        .map(this::withTimeline);
  }

  @Override
  public Optional<Namespace> ownerOf(GoalId id) {
    return tx.sql()
        .first(
            "SELECT namespace FROM goals WHERE id = ?",
            rs -> NameCache.namespace(rs.getString(1)),
            id.value());
  }

  @Override
  public List<Goal> list(Namespace namespace, Set<GoalStatus> statuses) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM goals WHERE namespace = ?");
    List<Object> params = new ArrayList<>();
    params.add(namespace.value());
    if (!statuses.isEmpty()) {
      sql.append(" AND status IN (");
      String sep = "";
      for (GoalStatus s : GoalStatus.values()) {
        if (statuses.contains(s)) {
          sql.append(sep).append('?');
          params.add(s.wireName());
          sep = ", ";
        }
      }
      sql.append(')');
    }
    sql.append(" ORDER BY id");
    List<Goal> out = new ArrayList<>();
    for (Head h : tx.sql().list(sql.toString(), GoalTable::head, params.toArray())) {
      out.add(withTimeline(h));
    }
    return out;
  }

  @Override
  public boolean delete(Namespace namespace, GoalId id) {
    SqlConnection db = tx.writing();
    if (db.update("DELETE FROM goals WHERE id = ? AND namespace = ?", id.value(), namespace.value())
        == 0) {
      return false;
    }
    if (!tx.dialect().cascadesDeletes()) {
      db.update("DELETE FROM goal_progress WHERE goal_id = ?", id.value());
    }
    return true;
  }

  @Override
  public void deleteAll(Namespace namespace) {
    SqlConnection db = tx.writing();
    if (!tx.dialect().cascadesDeletes()) {
      db.update(
          "DELETE FROM goal_progress WHERE goal_id IN (SELECT id FROM goals WHERE namespace = ?)",
          namespace.value());
    }
    db.update("DELETE FROM goals WHERE namespace = ?", namespace.value());
  }

  private static Head head(ResultSet rs) throws SQLException {
    return new Head(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7));
  }

  private Goal withTimeline(Head h) {
    List<ProgressNote> notes =
        tx.sql()
            .list(
                "SELECT at, from_status, to_status, note FROM goal_progress WHERE goal_id = ? ORDER BY position",
                rs ->
                    new ProgressNote(
                        TimeColumns.parse(rs.getString(1)),
                        GoalStatus.parse(rs.getString(2), "from"),
                        GoalStatus.parse(rs.getString(3), "to"),
                        Optional.ofNullable(rs.getString(4))),
                h.id());
    return new Goal(
        GoalId.of(h.id()),
        NameCache.namespace(h.namespace()),
        h.title(),
        GoalStatus.parse(h.status(), "status"),
        TimeColumns.parseOptional(h.dueAt()),
        notes,
        TimeColumns.parse(h.createdAt()),
        TimeColumns.parse(h.updatedAt()));
  }
}
