package dev.memkit.store.postgres;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.port.out.Observer;
import dev.memkit.core.port.out.StoreTransaction;
import dev.memkit.jackson.JsonText;
import dev.memkit.store.jdbc.BackupIds;
import dev.memkit.store.jdbc.JdbcTransaction;
import dev.memkit.store.jdbc.SqlConnection;
import dev.memkit.store.jdbc.TimeColumns;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Logical backups: the export document of every namespace (state, memories, goals; not the audit
 * log), taken from one consistent snapshot and kept in table {@code backups} of the same schema,
 * rotated to the newest {@code backup_keep}. An id is {@code <yyyyMMdd'T'HHmmssSSS'Z'>-<reason>}.
 * Taking one is serialised across replicas by an advisory lock. These protect against mistakes (a
 * bad import, an agent gone astray); protecting the database itself (disk loss, point-in-time
 * recovery) is PostgreSQL's job: {@code pg_dump}, base backups with WAL archiving, replicas.
 */
final class PgBackups implements Backups {

  private final PgStore store;
  private final PgSettings settings;
  private final Observer observer;

  PgBackups(PgStore store, PgSettings settings, Observer observer) {
    this.store = store;
    this.settings = settings;
    this.observer = observer;
  }

  @Override
  public BackupInfo create(String reason) {
    long started = System.nanoTime();
    BackupInfo taken =
        store.run(
            tx -> {
              SqlConnection pg = ((JdbcTransaction) tx).writing();
              pg.number(
                  "SELECT 1 FROM pg_advisory_xact_lock(?, hashtext(?))",
                  Migrations.LOCK_CLASS,
                  settings.schema() + ":backups");
              String document = JsonText.write(snapshot(tx));
              Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
              Optional<Instant> newest =
                  pg.first(
                      "SELECT created_at FROM backups ORDER BY id DESC LIMIT 1",
                      rs -> TimeColumns.parse(rs.getString(1)));
              if (newest.isPresent() && !at.isAfter(newest.get())) {
                at = newest.get().plusMillis(1);
              }
              String slug = BackupIds.reasonSlug(reason);
              String id = BackupIds.of(at, reason);
              long size = document.getBytes(StandardCharsets.UTF_8).length;
              pg.update(
                  "INSERT INTO backups (id, created_at, reason, size_bytes, document) VALUES (?, ?, ?, ?, ?)",
                  id,
                  TimeColumns.text(at),
                  slug,
                  size,
                  document);
              pg.update(
                  "DELETE FROM backups WHERE id NOT IN (SELECT id FROM backups ORDER BY id DESC LIMIT ?)",
                  settings.backupKeep());
              return new BackupInfo(id, at, size, slug);
            },
            PgStore.Mode.SNAPSHOT_WRITE);
    observer.backupTaken(
        PostgresStoreProvider.SCHEME, taken.sizeBytes(), System.nanoTime() - started);
    return taken;
  }

  @Override
  public List<BackupInfo> list() {
    return store.read(
        tx ->
            ((JdbcTransaction) tx)
                .sql()
                .list(
                    "SELECT id, created_at, size_bytes, reason FROM backups ORDER BY id DESC",
                    rs ->
                        new BackupInfo(
                            rs.getString(1),
                            TimeColumns.parse(rs.getString(2)),
                            rs.getLong(3),
                            rs.getString(4))));
  }

  /**
   * Replaces every namespace's state, memories and goals with the backup's, in one transaction that
   * holds the tables against other writers; the audit log and the id sequences stay (ids never go
   * back).
   */
  @Override
  public void restore(String id) {
    String text =
        store
            .read(
                tx ->
                    ((JdbcTransaction) tx)
                        .sql()
                        .first(
                            "SELECT document FROM backups WHERE id = ?", rs -> rs.getString(1), id))
            .orElseThrow(() -> new NotFoundException("backup " + id));
    List<Section> sections = parse(JsonText.parse(text, "backup"));
    store.write(
        tx -> {
          SqlConnection pg = ((JdbcTransaction) tx).writing();
          pg.update("LOCK TABLE state, memories, goals, goal_progress IN EXCLUSIVE MODE");
          pg.update("DELETE FROM state");
          pg.update("DELETE FROM memories");
          pg.update("DELETE FROM goals");
          for (Section s : sections) {
            s.state().forEach(tx.state()::put);
            s.memories().forEach(tx.memories()::put);
            s.goals().forEach(tx.goals()::put);
          }
          return null;
        });
  }

  /** The records of one namespace. */
  private record Section(List<StateEntry> state, List<Memory> memories, List<Goal> goals) {}

  /** The export document of every namespace, as {@code TransferService} writes it. */
  private static JsonValue snapshot(StoreTransaction tx) {
    List<JsonValue> namespaces = new ArrayList<>();
    for (Namespace ns : tx.namespaces()) {
      namespaces.add(
          JsonValue.objectBuilder()
              .put("namespace", ns.value())
              .put(
                  "state",
                  JsonValue.array(tx.state().list(ns, "").stream().map(RecordJson::state).toList()))
              .put(
                  "memories",
                  JsonValue.array(tx.memories().all(ns).stream().map(RecordJson::memory).toList()))
              .put(
                  "goals",
                  JsonValue.array(
                      tx.goals().list(ns, Set.of()).stream().map(RecordJson::goal).toList()))
              .build());
    }
    return JsonValue.objectBuilder()
        .put("format", RecordJson.EXPORT_FORMAT)
        .put("version", RecordJson.EXPORT_VERSION)
        .put("exported_at", RecordJson.time(Instant.now()))
        .put("namespaces", JsonValue.array(namespaces))
        .build();
  }

  private static List<Section> parse(JsonValue document) {
    List<Section> sections = new ArrayList<>();
    RecordJson.Fields doc = RecordJson.Fields.of(document, "");
    List<JsonValue> raw = doc.array("namespaces");
    for (int i = 0; i < raw.size(); i++) {
      RecordJson.Fields f = RecordJson.Fields.of(raw.get(i), "namespaces[" + i + "]");
      Namespace ns = Namespace.of(f.string("namespace"));
      List<StateEntry> state = new ArrayList<>();
      for (JsonValue v : f.array("state")) {
        state.add(RecordJson.readState(v, ns, f.path("state")));
      }
      List<Memory> memories = new ArrayList<>();
      for (JsonValue v : f.array("memories")) {
        memories.add(RecordJson.readMemory(v, ns, f.path("memories")));
      }
      List<Goal> goals = new ArrayList<>();
      for (JsonValue v : f.array("goals")) {
        goals.add(RecordJson.readGoal(v, ns, f.path("goals")));
      }
      sections.add(new Section(state, memories, goals));
    }
    return sections;
  }
}
