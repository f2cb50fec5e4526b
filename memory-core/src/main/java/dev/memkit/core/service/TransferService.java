package dev.memkit.core.service;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.port.in.ExportNamespaces;
import dev.memkit.core.port.in.ImportDocument;
import dev.memkit.core.port.in.ImportMode;
import dev.memkit.core.port.in.ImportReport;
import dev.memkit.core.port.in.TransferUseCase;
import dev.memkit.core.port.out.StoreTransaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Export and import of namespaces as the versioned document {@code
 * {"format":"memkit-export","version":1,"exported_at":…,"namespaces":[{"namespace":…,
 * "state":[…],"memories":[…],"goals":[…]}]}}: state in key order, memories and goals in id order.
 */
public final class TransferService implements TransferUseCase {
  private static final String FORMAT = RecordJson.EXPORT_FORMAT;
  private static final int VERSION = RecordJson.EXPORT_VERSION;

  private final ServiceContext context;
  private final Runnable afterImport;

  /** Serves exports and imports of {@code context}'s store; audit entries carry its actor. */
  public TransferService(ServiceContext context) {
    this(context, () -> {});
  }

  /**
   * Serves exports and imports of {@code context}'s store and runs {@code afterImport} once an
   * import has ended, whether it succeeded or not (for what is derived from the data, such as
   * search vectors).
   */
  public TransferService(ServiceContext context, Runnable afterImport) {
    this.context = context;
    this.afterImport = java.util.Objects.requireNonNull(afterImport, "afterImport");
  }

  /** The records of one namespace, as exported. */
  record Section(
      Namespace namespace, List<StateEntry> state, List<Memory> memories, List<Goal> goals) {}

  @Override
  public JsonValue.JsonObject export(ExportNamespaces query) {
    Limits.required(query, "query");
    List<Section> sections =
        context
            .store()
            .read(
                tx -> {
                  Set<Namespace> which =
                      query.namespaces().isEmpty() ? tx.namespaces() : query.namespaces();
                  List<Section> result = new ArrayList<>();
                  for (Namespace ns : which) {
                    result.add(
                        new Section(
                            ns,
                            tx.state().list(ns, ""),
                            tx.memories().all(ns),
                            tx.goals().list(ns, Set.of())));
                  }
                  return result;
                });
    List<JsonValue> out = new ArrayList<>();
    for (Section s : sections) {
      out.add(
          JsonValue.objectBuilder()
              .put("namespace", s.namespace().value())
              .put("state", JsonValue.array(s.state().stream().map(RecordJson::state).toList()))
              .put(
                  "memories",
                  JsonValue.array(s.memories().stream().map(RecordJson::memory).toList()))
              .put("goals", JsonValue.array(s.goals().stream().map(RecordJson::goal).toList()))
              .build());
    }
    return JsonValue.objectBuilder()
        .put("format", FORMAT)
        .put("version", VERSION)
        .put("exported_at", RecordJson.time(context.now()))
        .put("namespaces", JsonValue.array(out))
        .build();
  }

  @Override
  public ImportReport importDocument(ImportDocument command) {
    Limits.required(command, "import");
    List<Section> sections = parse(command.document());
    try {
      return write(sections, command.mode());
    } finally {
      afterImport.run();
    }
  }

  private ImportReport write(List<Section> sections, ImportMode mode) {
    return context
        .store()
        .write(
            tx -> {
              int state = 0;
              int memories = 0;
              int goals = 0;
              List<Namespace> names = new ArrayList<>();
              for (Section s : sections) {
                names.add(s.namespace());
                if (mode == ImportMode.REPLACE) {
                  tx.state().deleteAll(s.namespace());
                  tx.memories().deleteAll(s.namespace());
                  tx.goals().deleteAll(s.namespace());
                }
                for (StateEntry e : s.state()) {
                  Optional<StateEntry> current = tx.state().find(s.namespace(), e.key());
                  tx.state()
                      .put(
                          current.isEmpty()
                              ? e
                              : new StateEntry(
                                  e.namespace(),
                                  e.key(),
                                  e.value(),
                                  Math.max(current.get().version() + 1, e.version()),
                                  e.updatedAt()));
                  state++;
                }
                for (Memory m : s.memories()) {
                  tx.memories().put(placeMemory(tx, m));
                  memories++;
                }
                for (Goal g : s.goals()) {
                  Optional<Namespace> owner = tx.goals().ownerOf(g.id());
                  Goal placed =
                      owner.isPresent() && !owner.get().equals(g.namespace())
                          ? new Goal(
                              tx.goals().nextId(),
                              g.namespace(),
                              g.title(),
                              g.status(),
                              g.dueAt(),
                              g.progress(),
                              g.createdAt(),
                              g.updatedAt())
                          : g;
                  tx.goals().put(placed);
                  goals++;
                }
                JsonValue summary =
                    JsonValue.objectBuilder()
                        .put("mode", mode.wireName())
                        .put("state", s.state().size())
                        .put("memories", s.memories().size())
                        .put("goals", s.goals().size())
                        .build();
                context.audit(
                    tx,
                    s.namespace(),
                    "import",
                    "namespace",
                    Optional.empty(),
                    Optional.of(summary));
              }
              return new ImportReport(names, state, memories, goals);
            });
  }

  @Override
  public List<Namespace> namespacesOf(JsonValue document) {
    return parse(document).stream().map(Section::namespace).toList();
  }

  /** Where an imported memory goes: its own id when free (or already its own), else a new one. */
  private static Memory placeMemory(StoreTransaction tx, Memory m) {
    if (m.key().isPresent()) {
      Optional<Memory> sameKey = tx.memories().findByKey(m.namespace(), m.key().get());
      if (sameKey.isPresent() && !sameKey.get().id().equals(m.id())) {
        return withId(m, sameKey.get().id());
      }
    }
    Optional<Namespace> owner = tx.memories().ownerOf(m.id());
    if (owner.isPresent() && !owner.get().equals(m.namespace())) {
      return withId(m, tx.memories().nextId());
    }
    return m;
  }

  private static Memory withId(Memory m, MemoryId id) {
    return new Memory(
        id,
        m.namespace(),
        m.text(),
        m.tags(),
        m.kind(),
        m.metadata(),
        m.occurredAt(),
        m.key(),
        m.createdAt(),
        m.updatedAt());
  }

  /** Reads and checks a whole export document before anything is written. */
  static List<Section> parse(JsonValue document) {
    RecordJson.Fields doc = RecordJson.Fields.of(document, "");
    if (!FORMAT.equals(doc.optionalString("format").orElse(null))) {
      throw new ValidationException("format", "must be \"" + FORMAT + "\"");
    }
    JsonValue version = doc.value("version");
    if (!(version instanceof JsonValue.JsonNumber n)
        || n.value().compareTo(BigDecimal.valueOf(VERSION)) != 0) {
      throw new ValidationException(
          "version", "must be " + VERSION + " (a newer export needs a newer memkit)");
    }
    List<JsonValue> raw = doc.array("namespaces");
    List<Section> sections = new ArrayList<>();
    Set<Namespace> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String path = "namespaces[" + i + "]";
      RecordJson.Fields f = RecordJson.Fields.of(raw.get(i), path);
      Namespace ns = f.wrap("namespace", () -> Namespace.of(f.string("namespace")));
      if (!seen.add(ns)) {
        throw new ValidationException(
            f.path("namespace"), "must not repeat a namespace: '" + ns + "'");
      }
      List<StateEntry> state = new ArrayList<>();
      List<JsonValue> rawState = f.optional("state").isPresent() ? f.array("state") : List.of();
      for (int j = 0; j < rawState.size(); j++) {
        state.add(RecordJson.readState(rawState.get(j), ns, f.path("state[" + j + "]")));
      }
      List<Memory> memories = new ArrayList<>();
      Set<Long> memoryIds = new HashSet<>();
      List<JsonValue> rawMemories =
          f.optional("memories").isPresent() ? f.array("memories") : List.of();
      for (int j = 0; j < rawMemories.size(); j++) {
        Memory m = RecordJson.readMemory(rawMemories.get(j), ns, f.path("memories[" + j + "]"));
        if (!memoryIds.add(m.id().value())) {
          throw new ValidationException(
              f.path("memories[" + j + "].id"), "must not repeat an id: " + m.id());
        }
        memories.add(m);
      }
      List<Goal> goals = new ArrayList<>();
      Set<Long> goalIds = new HashSet<>();
      List<JsonValue> rawGoals = f.optional("goals").isPresent() ? f.array("goals") : List.of();
      for (int j = 0; j < rawGoals.size(); j++) {
        Goal g = RecordJson.readGoal(rawGoals.get(j), ns, f.path("goals[" + j + "]"));
        if (!goalIds.add(g.id().value())) {
          throw new ValidationException(
              f.path("goals[" + j + "].id"), "must not repeat an id: " + g.id());
        }
        goals.add(g);
      }
      sections.add(new Section(ns, state, memories, goals));
    }
    return sections;
  }
}
