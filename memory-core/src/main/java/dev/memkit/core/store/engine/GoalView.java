package dev.memkit.core.store.engine;

import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.out.GoalRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A unit of work's goals. */
final class GoalView implements GoalRecords {
  private final RecordTransaction tx;

  GoalView(RecordTransaction tx) {
    this.tx = tx;
  }

  @Override
  public GoalId nextId() {
    tx.requireWritable();
    RecordSet d = tx.records();
    long previous = d.lastGoalId;
    d.lastGoalId++;
    tx.changed(() -> d.lastGoalId = previous);
    return GoalId.of(d.lastGoalId);
  }

  @Override
  public void put(Goal goal) {
    tx.requireWritable();
    RecordSet d = tx.records();
    long previousLast = d.lastGoalId;
    Goal old = d.putGoal(goal);
    tx.changed(
        () -> {
          d.removeGoal(goal.id().value());
          if (old != null) {
            d.putGoal(old);
          }
          d.lastGoalId = previousLast;
        });
    tx.changes().goalPut(goal);
  }

  @Override
  public Optional<Goal> find(Namespace namespace, GoalId id) {
    NamespaceRecords s = tx.records().in(namespace);
    return s == null ? Optional.empty() : Optional.ofNullable(s.goals.get(id.value()));
  }

  @Override
  public Optional<Namespace> ownerOf(GoalId id) {
    return Optional.ofNullable(tx.records().goalOwner(id.value()));
  }

  @Override
  public List<Goal> list(Namespace namespace, Set<GoalStatus> statuses) {
    NamespaceRecords s = tx.records().in(namespace);
    if (s == null) {
      return List.of();
    }
    List<Goal> out = new ArrayList<>();
    for (Goal g : s.goals.values()) {
      if (statuses.isEmpty() || statuses.contains(g.status())) {
        out.add(g);
      }
    }
    return out;
  }

  @Override
  public boolean delete(Namespace namespace, GoalId id) {
    tx.requireWritable();
    if (find(namespace, id).isEmpty()) {
      return false;
    }
    RecordSet d = tx.records();
    Goal old = d.removeGoal(id.value());
    tx.changed(() -> d.putGoal(old));
    tx.changes().goalDeleted(namespace, id);
    return true;
  }

  @Override
  public void deleteAll(Namespace namespace) {
    NamespaceRecords s = tx.records().in(namespace);
    if (s != null) {
      for (Long id : new ArrayList<>(s.goals.keySet())) {
        delete(namespace, GoalId.of(id));
      }
    }
  }
}
