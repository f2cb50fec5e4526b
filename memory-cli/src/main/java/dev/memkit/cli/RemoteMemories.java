package dev.memkit.cli;

import static dev.memkit.cli.RemoteAnswers.items;
import static dev.memkit.cli.RemoteAnswers.object;
import static dev.memkit.cli.RemoteAnswers.page;

import dev.memkit.cli.Backend.Added;
import dev.memkit.cli.Backend.Page;
import dev.memkit.cli.RemoteClient.Query;
import dev.memkit.cli.RemoteClient.Response;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.ListSnapshots;
import dev.memkit.core.port.in.SaveSnapshot;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.UpdateMemory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@link RemoteBackend}'s memory calls: {@code /v1/memories} (add, read, change, list, search) and
 * {@code /v1/snapshots}; a filter is sent as the {@code tag}, {@code kind}, {@code from} and {@code
 * to} parameters.
 */
final class RemoteMemories {
  private final RemoteClient http;

  RemoteMemories(RemoteClient http) {
    this.http = http;
  }

  /** One request per memory, in order (each idempotent by its key). */
  List<Added> addAll(List<AddMemory> commands) {
    List<Added> results = new ArrayList<>(commands.size());
    for (AddMemory command : commands) {
      results.add(add(command));
    }
    return results;
  }

  /** Created when the server answers 201, found by its key when 200. */
  Added add(AddMemory command) {
    JsonValue.ObjectBuilder body =
        JsonValue.objectBuilder()
            .put("text", command.text())
            .putStrings("tags", names(command.tags()))
            .put("kind", command.kind().value())
            .put("metadata", command.metadata());
    command.occurredAt().ifPresent(t -> body.put("occurred_at", RecordJson.time(t)));
    command.key().ifPresent(k -> body.put("key", k.value()));
    Response response = http.send("POST", "/v1/memories", http.query(), body.build(), null);
    return new Added(object(response), response.status() == 201);
  }

  JsonObject get(MemoryId id) {
    return object(http.get("/v1/memories/" + id.value(), http.query()));
  }

  JsonObject update(MemoryId id, UpdateMemory changes) {
    JsonValue.ObjectBuilder body = JsonValue.objectBuilder();
    changes.text().ifPresent(t -> body.put("text", t));
    changes.tags().ifPresent(tags -> body.putStrings("tags", names(tags)));
    changes.kind().ifPresent(k -> body.put("kind", k.value()));
    changes.metadata().ifPresent(m -> body.put("metadata", m));
    changes.occurredAt().ifPresent(t -> body.put("occurred_at", RecordJson.time(t)));
    return object(
        http.send("PATCH", "/v1/memories/" + id.value(), http.query(), body.build(), null));
  }

  void delete(MemoryId id) {
    http.send("DELETE", "/v1/memories/" + id.value(), http.query(), null, null);
  }

  Page list(ListMemories list) {
    Query q = http.query();
    filter(q, list.filter());
    list.cursor().ifPresent(c -> q.add("cursor", c));
    q.add("limit", Integer.toString(list.limit()));
    return page(http.get("/v1/memories", q));
  }

  List<JsonObject> search(SearchMemories search) {
    Query q = http.query();
    q.add("q", search.query());
    q.add("limit", Integer.toString(search.limit()));
    search.mode().ifPresent(m -> q.add("mode", m.value()));
    filter(q, search.filter());
    return items(http.get("/v1/memories/search", q));
  }

  JsonObject snapshotSave(SaveSnapshot command) {
    JsonObject body =
        JsonValue.objectBuilder()
            .put("summary", command.summary())
            .put("data", command.data())
            .putStrings("tags", names(command.tags()))
            .build();
    return object(http.send("POST", "/v1/snapshots", http.query(), body, null));
  }

  Page snapshotList(ListSnapshots list) {
    Query q = http.query();
    list.cursor().ifPresent(c -> q.add("cursor", c));
    q.add("limit", Integer.toString(list.limit()));
    return page(http.get("/v1/snapshots", q));
  }

  JsonObject snapshotLatest() {
    return object(http.get("/v1/snapshots/latest", http.query()));
  }

  private static void filter(Query q, MemoryFilter filter) {
    filter.tags().forEach(t -> q.add("tag", t.value()));
    filter.kind().ifPresent(k -> q.add("kind", k.value()));
    q.addRange(filter.range());
  }

  private static List<String> names(Collection<Tag> tags) {
    return tags.stream().map(Tag::value).toList();
  }
}
