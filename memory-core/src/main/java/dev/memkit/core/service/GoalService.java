package dev.memkit.core.service;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.ProgressNote;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.GoalUseCase;
import dev.memkit.core.port.in.ListGoals;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.UpdateGoal;
import dev.memkit.core.port.out.StoreTransaction;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The goal use cases of one namespace. */
public final class GoalService implements GoalUseCase {
  private static final Set<GoalStatus> ACTIVE =
      Arrays.stream(GoalStatus.values())
          .filter(GoalStatus::isActive)
          .collect(() -> EnumSet.noneOf(GoalStatus.class), Set::add, Set::addAll);

  private final ServiceContext context;

  /** Serves the goals of {@code context}'s namespace. */
  public GoalService(ServiceContext context) {
    this.context = context;
  }

  @Override
  public Goal add(AddGoal command) {
    Limits.required(command, "goal");
    return context
        .store()
        .write(
            tx -> {
              Instant now = context.now();
              Goal goal =
                  new Goal(
                      tx.goals().nextId(),
                      context.namespace(),
                      command.title(),
                      GoalStatus.NEW,
                      command.dueAt(),
                      List.of(),
                      now,
                      now);
              tx.goals().put(goal);
              context.audit(
                  tx,
                  "goal.add",
                  target(goal.id()),
                  Optional.empty(),
                  Optional.of(RecordJson.goal(goal)));
              return goal;
            });
  }

  @Override
  public Optional<Goal> find(GoalId id) {
    Limits.required(id, "goal_id");
    return context.store().read(tx -> tx.goals().find(context.namespace(), id));
  }

  @Override
  public List<Goal> list(ListGoals query) {
    Limits.required(query, "query");
    Set<GoalStatus> wanted = query.activeOnly() ? ACTIVE : query.statuses();
    return context.store().read(tx -> tx.goals().list(context.namespace(), wanted));
  }

  @Override
  public Goal progress(RecordProgress command) {
    Limits.required(command, "progress");
    return context
        .store()
        .write(
            tx -> {
              Goal current = load(tx, command.goal());
              Goal next =
                  current.withProgress(
                      new ProgressNote(
                          context.now(),
                          current.status(),
                          command.status().orElse(current.status()),
                          command.note()));
              return save(tx, "goal.progress", current, next);
            });
  }

  @Override
  public Goal update(GoalId id, UpdateGoal changes) {
    Limits.required(id, "goal_id");
    Limits.required(changes, "update");
    return context
        .store()
        .write(
            tx -> {
              Goal current = load(tx, id);
              Instant now = context.now();
              Goal next =
                  new Goal(
                      id,
                      context.namespace(),
                      changes.title().orElse(current.title()),
                      current.status(),
                      changes.clearDue()
                          ? Optional.empty()
                          : changes.dueAt().isPresent() ? changes.dueAt() : current.dueAt(),
                      current.progress(),
                      current.createdAt(),
                      now);
              if (changes.status().isPresent() && changes.status().get() != current.status()) {
                next =
                    next.withProgress(
                        new ProgressNote(
                            now, current.status(), changes.status().get(), Optional.empty()));
              }
              return save(tx, "goal.update", current, next);
            });
  }

  @Override
  public void delete(GoalId id) {
    Limits.required(id, "goal_id");
    context
        .store()
        .write(
            tx -> {
              Goal current = load(tx, id);
              tx.goals().delete(context.namespace(), id);
              context.audit(
                  tx,
                  "goal.delete",
                  target(id),
                  Optional.of(RecordJson.goal(current)),
                  Optional.empty());
              return null;
            });
  }

  @Override
  public List<ProgressNote> timeline(GoalId id) {
    return find(id).orElseThrow(() -> notFound(id)).progress();
  }

  private Goal load(StoreTransaction tx, GoalId id) {
    return tx.goals().find(context.namespace(), id).orElseThrow(() -> notFound(id));
  }

  private Goal save(StoreTransaction tx, String action, Goal current, Goal next) {
    tx.goals().put(next);
    context.audit(
        tx,
        action,
        target(next.id()),
        Optional.of(RecordJson.goal(current)),
        Optional.of(RecordJson.goal(next)));
    return next;
  }

  static String target(GoalId id) {
    return "goal:" + id.value();
  }

  private static NotFoundException notFound(GoalId id) {
    return new NotFoundException("goal " + id.value());
  }
}
