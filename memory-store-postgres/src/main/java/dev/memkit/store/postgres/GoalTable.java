package dev.memkit.store.postgres;

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

/**
 * Goals in table {@code goals}, their timelines in {@code goal_progress} (removed with their goal
 * by a cascading foreign key). Ids come from the sequence {@code goal_ids}.
 */
final class GoalTable implements GoalRecords {
  private static final String COLUMNS = "id, namespace, title, status, due_at, created_at, updated_at";
  private final PgTransaction tx;
  private final Sequence ids;

  GoalTable(PgTransaction tx) {
    this.tx = tx;
    this.ids = new Sequence(tx, "goal_ids");
  }

  /** A goal row before its timeline is attached. */
  private record Head(long id, String namespace, String title, String status, String dueAt, String createdAt,
      String updatedAt) {
  }

  @Override
  public GoalId nextId() {
    return GoalId.of(ids.next());
  }

  @Override
  public void put(Goal goal) {
    Pg pg = tx.writing();
    long id = goal.id().value();
    pg.update("INSERT INTO goals (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
        + " namespace = excluded.namespace, title = excluded.title, status = excluded.status,"
        + " due_at = excluded.due_at, created_at = excluded.created_at, updated_at = excluded.updated_at",
        id, goal.namespace().value(), goal.title(), goal.status().wireName(), Times.text(goal.dueAt()),
        Times.text(goal.createdAt()), Times.text(goal.updatedAt()));
    pg.update("DELETE FROM goal_progress WHERE goal_id = ?", id);
    int position = 0;
    for (ProgressNote n : goal.progress()) {
      pg.update("INSERT INTO goal_progress (goal_id, position, at, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?)",
          id, position++, Times.text(n.at()), n.from().wireName(), n.to().wireName(), n.note().orElse(null));
    }
    ids.movePast(id);
  }

  @Override
  public Optional<Goal> find(Namespace namespace, GoalId id) {
    return tx.pg().first("SELECT " + COLUMNS + " FROM goals WHERE id = ? AND namespace = ?" + tx.lock(), GoalTable::head,
        id.value(), namespace.value()).map(this::withTimeline);
  }

  @Override
  public Optional<Namespace> ownerOf(GoalId id) {
    return tx.pg().first("SELECT namespace FROM goals WHERE id = ?", rs -> Namespace.of(rs.getString(1)), id.value());
  }

  @Override
  public List<Goal> list(Namespace namespace, Set<GoalStatus> statuses) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM goals WHERE namespace = ?");
    List<Object> params = new ArrayList<>();
    params.add(namespace.value());
    if (!statuses.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (GoalStatus s : GoalStatus.values()) {
        if (statuses.contains(s)) {
          names.add(s.wireName());
        }
      }
      sql.append(" AND status = ANY (?::text[])");
      params.add(new Pg.TextArray(names));
    }
    sql.append(" ORDER BY id");
    List<Goal> out = new ArrayList<>();
    for (Head h : tx.pg().list(sql.toString(), GoalTable::head, params.toArray())) {
      out.add(withTimeline(h));
    }
    return out;
  }

  @Override
  public boolean delete(Namespace namespace, GoalId id) {
    return tx.writing().update("DELETE FROM goals WHERE id = ? AND namespace = ?", id.value(), namespace.value()) > 0;
  }

  @Override
  public void deleteAll(Namespace namespace) {
    tx.writing().update("DELETE FROM goals WHERE namespace = ?", namespace.value());
  }

  private static Head head(ResultSet rs) throws SQLException {
    return new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7));
  }

  private Goal withTimeline(Head h) {
    List<ProgressNote> notes = tx.pg().list(
        "SELECT at, from_status, to_status, note FROM goal_progress WHERE goal_id = ? ORDER BY position",
        rs -> new ProgressNote(Times.parse(rs.getString(1)), GoalStatus.parse(rs.getString(2), "from"),
            GoalStatus.parse(rs.getString(3), "to"), Optional.ofNullable(rs.getString(4))),
        h.id());
    return new Goal(GoalId.of(h.id()), Namespace.of(h.namespace()), h.title(), GoalStatus.parse(h.status(), "status"),
        Times.parseOptional(h.dueAt()), notes, Times.parse(h.createdAt()), Times.parse(h.updatedAt()));
  }
}
