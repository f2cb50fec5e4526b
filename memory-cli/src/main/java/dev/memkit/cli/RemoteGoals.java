package dev.memkit.cli;

import static dev.memkit.cli.RemoteAnswers.items;
import static dev.memkit.cli.RemoteAnswers.object;

import dev.memkit.cli.RemoteClient.Query;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.ListGoals;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.UpdateGoal;
import java.util.List;
import java.util.stream.Collectors;

/** {@link RemoteBackend}'s goal calls: {@code /v1/goals} and a goal's progress. */
final class RemoteGoals {
  private final RemoteClient http;

  RemoteGoals(RemoteClient http) {
    this.http = http;
  }

  JsonObject add(AddGoal command) {
    JsonValue.ObjectBuilder body = JsonValue.objectBuilder().put("title", command.title());
    command.dueAt().ifPresent(t -> body.put("due_at", RecordJson.time(t)));
    return object(http.send("POST", "/v1/goals", http.query(), body.build(), null));
  }

  /** Active goals as {@code active=true}, chosen statuses as {@code status=a,b}. */
  List<JsonObject> list(ListGoals list) {
    Query q = http.query();
    if (list.activeOnly()) {
      q.add("active", "true");
    } else if (!list.statuses().isEmpty()) {
      q.add(
          "status",
          list.statuses().stream()
              .sorted()
              .map(GoalStatus::wireName)
              .collect(Collectors.joining(",")));
    }
    return items(http.get("/v1/goals", q));
  }

  JsonObject get(GoalId id) {
    return object(http.get("/v1/goals/" + id.value(), http.query()));
  }

  JsonObject progress(RecordProgress command) {
    JsonValue.ObjectBuilder body = JsonValue.objectBuilder();
    command.status().ifPresent(s -> body.put("status", s.wireName()));
    command.note().ifPresent(n -> body.put("note", n));
    return object(
        http.send(
            "POST",
            "/v1/goals/" + command.goal().value() + "/progress",
            http.query(),
            body.build(),
            null));
  }

  /** A cleared due date is sent as {@code "due_at":null} (merge-patch removes it). */
  JsonObject update(GoalId id, UpdateGoal changes) {
    JsonValue.ObjectBuilder body = JsonValue.objectBuilder();
    changes.title().ifPresent(t -> body.put("title", t));
    changes.dueAt().ifPresent(t -> body.put("due_at", RecordJson.time(t)));
    if (changes.clearDue()) {
      body.put("due_at", JsonValue.NULL);
    }
    changes.status().ifPresent(s -> body.put("status", s.wireName()));
    return object(http.send("PATCH", "/v1/goals/" + id.value(), http.query(), body.build(), null));
  }

  void delete(GoalId id) {
    http.send("DELETE", "/v1/goals/" + id.value(), http.query(), null, null);
  }
}
