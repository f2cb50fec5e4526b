package dev.memkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.Space;
import dev.memkit.core.error.ConflictException;
import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.AuditPage;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.model.ContextBlock;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.MemoryPage;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.model.Tag;
import dev.memkit.core.model.TimeRange;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.DeleteState;
import dev.memkit.core.port.in.ExportNamespaces;
import dev.memkit.core.port.in.ImportDocument;
import dev.memkit.core.port.in.ImportMode;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.core.port.in.ListGoals;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.ListSnapshots;
import dev.memkit.core.port.in.MemoryAdded;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.SaveSnapshot;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SetState;
import dev.memkit.core.port.in.UpdateGoal;
import dev.memkit.core.port.in.UpdateMemory;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.port.out.StoreProvider;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The definition of a store: every promise of PRODUCT.md that one process can check. A store module
 * runs it by subclassing and saying how to name a fresh store in a temporary directory:
 *
 * <pre>{@code
 * class SqliteStoreContractTest extends StoreContractTest {
 *   protected String storeUri(Path dir) { return "sqlite:" + dir.resolve("memkit.db"); }
 * }
 * }</pre>
 *
 * <p>Stores are opened through {@link Memkit#open(String, MemkitOptions)}, so the suite also checks
 * that the store's provider is registered. Context blocks are counted with the {@code test-words}
 * counter shipped in this test-jar.
 */
public abstract class StoreContractTest {

  /** A fresh directory per test, for stores that keep files. */
  @TempDir protected Path dir;

  /** The store of the current test, opened before it runs. */
  protected Memkit memkit;

  /** The {@code default} namespace of {@link #memkit}, acting as {@code test}. */
  protected Space space;

  /** The URI of a store kept in {@code directory}; opening it twice opens the same store. */
  protected abstract String storeUri(Path directory);

  /** Whether the store keeps its data when closed and opened again. */
  protected boolean persistent() {
    return true;
  }

  /**
   * The options stores are opened with: no {@code MEMKIT_*} environment, the {@code test-words}
   * counter.
   */
  protected MemkitOptions options() {
    return MemkitOptions.defaults()
        .withEnvironment(Map.of())
        .withTokenizer(WordTokenCounterProvider.ENCODING);
  }

  /** Opens the store of this test (again). */
  protected Memkit open() {
    return Memkit.open(storeUri(dir), options());
  }

  @BeforeEach
  void openStore() {
    memkit = open();
    space = memkit.space(Namespace.DEFAULT, Actor.of("test"));
  }

  @AfterEach
  void closeStore() {
    if (memkit != null) {
      memkit.close();
    }
  }

  /** Closes the store and opens it again, for stores that persist. */
  protected void reopen() {
    memkit.close();
    memkit = open();
    space = memkit.space(Namespace.DEFAULT, Actor.of("test"));
  }

  /** The space of {@code namespace}. */
  protected Space in(String namespace) {
    return memkit.space(Namespace.of(namespace), Actor.of("test"));
  }

  /** Adds a memory with {@code text} and {@code tags} to the default namespace. */
  protected Memory remember(String text, String... tags) {
    return space.memories().add(AddMemory.of(text).withTags(tags)).memory();
  }

  /** The ids of {@code hits}, in order. */
  protected static List<Long> ids(List<SearchHit> hits) {
    return hits.stream().map(h -> h.memory().id().value()).toList();
  }

  /** The export of every namespace without its {@code exported_at} time, for comparing data. */
  protected JsonValue.JsonObject dataOf(Memkit store) {
    JsonValue.JsonObject doc = store.transfer(Actor.of("test")).export(ExportNamespaces.ALL);
    Map<String, JsonValue> members = new HashMap<>(doc.members());
    members.remove("exported_at");
    return JsonValue.object(new java.util.TreeMap<>(members));
  }

  // =================================================================== state

  @Test
  void stateKeepsEveryKindOfJsonValue() {
    Map<String, JsonValue> values = new java.util.LinkedHashMap<>();
    values.put("s", JsonValue.of("testing"));
    values.put("n", JsonValue.of(new java.math.BigDecimal("0.625")));
    values.put("b", JsonValue.TRUE);
    values.put("a", JsonValue.array(JsonValue.of(1), JsonValue.of("two"), JsonValue.NULL));
    values.put(
        "o",
        JsonValue.objectBuilder()
            .put("nested", JsonValue.objectBuilder().put("x", 1).build())
            .put("u", "é✓😀")
            .build());
    values.forEach((k, v) -> space.state().set(StateKey.of(k), v));
    values.forEach(
        (k, v) -> assertThat(space.state().get(StateKey.of(k)).orElseThrow().value()).isEqualTo(v));
  }

  @Test
  void everyStateWriteIncrementsTheVersion() {
    StateEntry first = space.state().set(StateKey.of("phase"), JsonValue.of("design"));
    StateEntry second = space.state().set(StateKey.of("phase"), JsonValue.of("testing"));
    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.updatedAt()).isAfterOrEqualTo(first.updatedAt());
    assertThat(space.state().get(StateKey.of("phase")).orElseThrow()).isEqualTo(second);
  }

  @Test
  void compareAndSetWithAStaleVersionConflictsAndChangesNothing() {
    space.state().set(StateKey.of("phase"), JsonValue.of("design"));
    space.state().set(StateKey.of("phase"), JsonValue.of("testing"));
    assertThatThrownBy(
            () ->
                space
                    .state()
                    .set(
                        new SetState(
                            StateKey.of("phase"), JsonValue.of("late"), OptionalLong.of(1))))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("expected version 1")
        .hasMessageContaining("found version 2");
    StateEntry kept = space.state().get(StateKey.of("phase")).orElseThrow();
    assertThat(kept.value()).isEqualTo(JsonValue.of("testing"));
    assertThat(kept.version()).isEqualTo(2);
    StateEntry next =
        space
            .state()
            .set(new SetState(StateKey.of("phase"), JsonValue.of("release"), OptionalLong.of(2)));
    assertThat(next.version()).isEqualTo(3);
  }

  @Test
  void expectedVersionZeroMeansTheKeyMustNotExist() {
    space.state().set(new SetState(StateKey.of("lock"), JsonValue.of("mine"), OptionalLong.of(0)));
    assertThatThrownBy(
            () ->
                space
                    .state()
                    .set(
                        new SetState(
                            StateKey.of("lock"), JsonValue.of("yours"), OptionalLong.of(0))))
        .isInstanceOf(ConflictException.class);
    assertThat(space.state().get(StateKey.of("lock")).orElseThrow().value())
        .isEqualTo(JsonValue.of("mine"));
  }

  @Test
  void mergePatchFollowsRfc7386() {
    space
        .state()
        .set(
            StateKey.of("doc"),
            json(
                Map.of(
                    "a",
                    JsonValue.of("b"),
                    "c",
                    json(Map.of("d", JsonValue.of("e"), "f", JsonValue.of("g"))))));
    JsonValue patch = json(Map.of("a", JsonValue.of("z"), "c", json(Map.of("f", JsonValue.NULL))));
    StateEntry patched =
        space.state().mergePatch(new PatchState(StateKey.of("doc"), patch, OptionalLong.empty()));
    assertThat(patched.value())
        .isEqualTo(json(Map.of("a", JsonValue.of("z"), "c", json(Map.of("d", JsonValue.of("e"))))));
    assertThat(patched.version()).isEqualTo(2);
    StateEntry created =
        space
            .state()
            .mergePatch(
                new PatchState(
                    StateKey.of("fresh"),
                    json(Map.of("x", JsonValue.of(1), "gone", JsonValue.NULL)),
                    OptionalLong.empty()));
    assertThat(created.value()).isEqualTo(json(Map.of("x", JsonValue.of(1))));
    assertThat(created.version()).isEqualTo(1);
  }

  @Test
  void deletingStateRemovesItAndAMissingKeyIsNotFound() {
    space.state().set(StateKey.of("k"), JsonValue.of(1));
    space.state().delete(new DeleteState(StateKey.of("k"), OptionalLong.empty()));
    assertThat(space.state().get(StateKey.of("k"))).isEmpty();
    assertThatThrownBy(
            () -> space.state().delete(new DeleteState(StateKey.of("k"), OptionalLong.empty())))
        .isInstanceOf(NotFoundException.class);
    space.state().set(StateKey.of("k"), JsonValue.of(2));
    assertThat(space.state().get(StateKey.of("k")).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void stateListsByPrefixInKeyOrder() {
    for (String k : List.of("trade.winrate", "phase", "trade.count", "trade:x", "tradeoff")) {
      space.state().set(StateKey.of(k), JsonValue.of(k));
    }
    assertThat(space.state().list("trade.").stream().map(e -> e.key().value()).toList())
        .containsExactly("trade.count", "trade.winrate");
    assertThat(space.state().list("").stream().map(e -> e.key().value()).toList())
        .containsExactly("phase", "trade.count", "trade.winrate", "trade:x", "tradeoff");
    assertThat(space.state().list("zzz")).isEmpty();
  }

  @Test
  void profileAndWorkingMemoryArePatchedJsonObjects() {
    assertThat(space.state().profile()).isEmpty();
    space
        .state()
        .mergePatch(
            new PatchState(
                StateKey.PROFILE,
                JsonValue.objectBuilder().put("name", "Ada").put("tz", "UTC").build(),
                OptionalLong.empty()));
    StateEntry profile =
        space
            .state()
            .mergePatch(
                new PatchState(
                    StateKey.PROFILE,
                    JsonValue.objectBuilder().put("tz", "Europe/Paris").build(),
                    OptionalLong.of(1)));
    assertThat(profile.value())
        .isEqualTo(JsonValue.objectBuilder().put("name", "Ada").put("tz", "Europe/Paris").build());
    space
        .state()
        .mergePatch(
            new PatchState(
                StateKey.WORKING_MEMORY,
                JsonValue.objectBuilder().put("focus", "release").build(),
                OptionalLong.empty()));
    assertThat(space.state().workingMemory().orElseThrow().value())
        .isEqualTo(JsonValue.objectBuilder().put("focus", "release").build());
    assertThatThrownBy(() -> space.state().set(StateKey.PROFILE, JsonValue.of("not an object")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("JSON object");
    assertThat(space.state().profile().orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void aStateValueOver64KibIsRejectedAndChangesNothing() {
    space.state().set(StateKey.of("big"), JsonValue.of("small"));
    String tooBig = "x".repeat(64 * 1024);
    assertThatThrownBy(() -> space.state().set(StateKey.of("big"), JsonValue.of(tooBig)))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("value"))
        .hasMessageContaining("65536");
    assertThat(space.state().get(StateKey.of("big")).orElseThrow().value())
        .isEqualTo(JsonValue.of("small"));
    space.state().set(StateKey.of("fits"), JsonValue.of("x".repeat(64 * 1024 - 2)));
  }

  @Test
  void aNullStateValueIsRejected() {
    assertThatThrownBy(() -> space.state().set(StateKey.of("k"), JsonValue.NULL))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("null");
    assertThat(space.state().get(StateKey.of("k"))).isEmpty();
  }

  // =================================================================== memories

  @Test
  void addedMemoriesGetIncreasingIdsAndKeepWhatWasGiven() {
    Instant occurred = Instant.parse("2026-01-02T03:04:05.678Z");
    Memory first =
        space
            .memories()
            .add(
                AddMemory.of("Deployed v1.2")
                    .withTags("deploy", "v1.2")
                    .withKind(Kind.of("event"))
                    .withMetadata(JsonValue.objectBuilder().put("by", "ci").build())
                    .withOccurredAt(occurred))
            .memory();
    Memory second = remember("Second");
    assertThat(second.id().value()).isGreaterThan(first.id().value());
    Memory read = space.memories().find(first.id()).orElseThrow();
    assertThat(read).isEqualTo(first);
    assertThat(read.text()).isEqualTo("Deployed v1.2");
    assertThat(read.tags()).extracting(Tag::value).containsExactly("deploy", "v1.2");
    assertThat(read.kind()).isEqualTo(Kind.of("event"));
    assertThat(read.metadata()).isEqualTo(JsonValue.objectBuilder().put("by", "ci").build());
    assertThat(read.occurredAt()).contains(occurred);
    assertThat(read.namespace()).isEqualTo(Namespace.DEFAULT);
  }

  @Test
  void addingWithAKeyAlreadyUsedReturnsTheExistingMemory() {
    var first =
        space.memories().add(AddMemory.of("Deployed v1.2").withKey(MemoryKey.of("deploy-1.2")));
    var again =
        space
            .memories()
            .add(AddMemory.of("Deployed v1.2 (retry)").withKey(MemoryKey.of("deploy-1.2")));
    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.memory()).isEqualTo(first.memory());
    assertThat(space.memories().list(ListMemories.newest(10)).items()).hasSize(1);
    var elsewhere =
        in("other").memories().add(AddMemory.of("Other").withKey(MemoryKey.of("deploy-1.2")));
    assertThat(elsewhere.created()).isTrue();
  }

  @Test
  void aMissingMemoryIsEmptyAndUpdatingOrDeletingItIsNotFound() {
    assertThat(space.memories().find(MemoryId.of(424242))).isEmpty();
    assertThatThrownBy(() -> space.memories().update(MemoryId.of(424242), UpdateMemory.text("x")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> space.memories().delete(MemoryId.of(424242)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void updatingAMemoryChangesOnlyTheGivenFields() {
    Memory m =
        space
            .memories()
            .add(AddMemory.of("Draft").withTags("a").withKey(MemoryKey.of("k1")))
            .memory();
    Memory updated =
        space
            .memories()
            .update(
                m.id(),
                new UpdateMemory(
                    Optional.of("Final"),
                    Optional.of(List.of(Tag.of("b"), Tag.of("c"))),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
    assertThat(updated.id()).isEqualTo(m.id());
    assertThat(updated.text()).isEqualTo("Final");
    assertThat(updated.tags()).extracting(Tag::value).containsExactly("b", "c");
    assertThat(updated.kind()).isEqualTo(Kind.NOTE);
    assertThat(updated.key()).isEqualTo(m.key());
    assertThat(updated.createdAt()).isEqualTo(m.createdAt());
    assertThat(space.memories().find(m.id()).orElseThrow()).isEqualTo(updated);
    assertThat(
            space.memories().add(AddMemory.of("again").withKey(MemoryKey.of("k1"))).memory().id())
        .isEqualTo(m.id());
  }

  @Test
  void deletedMemoriesLeaveGetListAndSearch() {
    Memory m = remember("Deployed the billing service");
    remember("Kept this one");
    space.memories().delete(m.id());
    assertThat(space.memories().find(m.id())).isEmpty();
    assertThat(space.memories().list(ListMemories.newest(10)).items())
        .extracting(Memory::text)
        .containsExactly("Kept this one");
    assertThat(space.memories().search(SearchMemories.of("billing"))).isEmpty();
  }

  @Test
  void idsAreNeverReusedAfterADelete() {
    Memory a = remember("a");
    Memory b = remember("b");
    space.memories().delete(b.id());
    Memory c = remember("c");
    assertThat(c.id().value()).isGreaterThan(b.id().value()).isGreaterThan(a.id().value());
    Goal g1 = space.goals().add(AddGoal.of("g1"));
    space.goals().delete(g1.id());
    assertThat(space.goals().add(AddGoal.of("g2")).id().value()).isGreaterThan(g1.id().value());
  }

  @Test
  void listingIsNewestFirstAndCursorsPageThroughEverythingOnce() {
    List<Long> added = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      added.add(remember("memory " + i).id().value());
    }
    List<Long> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      MemoryPage page = space.memories().list(new ListMemories(MemoryFilter.ALL, cursor, 10));
      page.items().forEach(m -> seen.add(m.id().value()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor.isPresent());
    assertThat(pages).isEqualTo(3);
    List<Long> expected = new ArrayList<>(added);
    java.util.Collections.reverse(expected);
    assertThat(seen).isEqualTo(expected);
    assertThatThrownBy(
            () ->
                space
                    .memories()
                    .list(new ListMemories(MemoryFilter.ALL, Optional.of("not-a-cursor"), 10)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void listingFiltersByTagsIgnoringCaseByKindAndByTime() {
    Instant jan = Instant.parse("2026-01-15T00:00:00Z");
    Instant mar = Instant.parse("2026-03-15T00:00:00Z");
    space.memories().add(AddMemory.of("one").withTags("Deploy", "prod").withOccurredAt(jan));
    space
        .memories()
        .add(AddMemory.of("two").withTags("deploy").withKind(Kind.of("event")).withOccurredAt(mar));
    space.memories().add(AddMemory.of("three").withTags("other").withOccurredAt(mar));
    assertThat(texts(new MemoryFilter(List.of(Tag.of("DEPLOY")), Optional.empty(), TimeRange.ALL)))
        .containsExactly("two", "one");
    assertThat(
            texts(
                new MemoryFilter(
                    List.of(Tag.of("deploy"), Tag.of("prod")), Optional.empty(), TimeRange.ALL)))
        .containsExactly("one");
    assertThat(texts(new MemoryFilter(List.of(), Optional.of(Kind.of("event")), TimeRange.ALL)))
        .containsExactly("two");
    assertThat(
            texts(
                new MemoryFilter(
                    List.of(),
                    Optional.empty(),
                    TimeRange.of(
                        Instant.parse("2026-02-01T00:00:00Z"),
                        Instant.parse("2026-04-01T00:00:00Z")))))
        .containsExactly("three", "two");
    assertThat(texts(new MemoryFilter(List.of(), Optional.empty(), TimeRange.of(null, mar))))
        .containsExactly("one");
  }

  private List<String> texts(MemoryFilter filter) {
    return space.memories().list(new ListMemories(filter, Optional.empty(), 100)).items().stream()
        .map(Memory::text)
        .toList();
  }

  @Test
  void memoryLimitsAreEnforcedAndBadInputChangesNothing() {
    remember("existing");
    JsonValue before = dataOf(memkit);
    assertThatThrownBy(() -> AddMemory.of("x".repeat(32_769)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("text");
    assertThatThrownBy(() -> AddMemory.of("   "))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> AddMemory.of("x").withTags("a b"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tag");
    String[] tooMany = new String[33];
    for (int i = 0; i < tooMany.length; i++) {
      tooMany[i] = "t" + i;
    }
    assertThatThrownBy(() -> AddMemory.of("x").withTags(tooMany))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("32");
    assertThatThrownBy(() -> AddMemory.of("x").withTags("dup", "DUP"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Kind.of("Not-Lower")).isInstanceOf(ValidationException.class);
    JsonValue.JsonObject bigMetadata =
        JsonValue.objectBuilder().put("blob", "x".repeat(16 * 1024)).build();
    assertThatThrownBy(() -> AddMemory.of("x").withMetadata(bigMetadata))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("metadata");
    Memory existing = space.memories().list(ListMemories.newest(1)).items().get(0);
    assertThatThrownBy(() -> space.memories().update(existing.id(), UpdateMemory.text("")))
        .isInstanceOf(ValidationException.class);
    space.memories().add(AddMemory.of("x".repeat(32_768)));
    space.memories().delete(space.memories().list(ListMemories.newest(1)).items().get(0).id());
    JsonValue after = dataOf(memkit);
    assertThat(after).isEqualTo(before);
  }

  @Test
  void manyMemoriesAreReadByIdAtOnceOnlyFromTheirNamespace() {
    String uri = storeUri(dir.resolve("by-id"));
    StoreLocation location = StoreLocation.parse(uri, Map.of());
    StoreProvider provider =
        ServiceLoader.load(StoreProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.scheme().equals(location.scheme()))
            .findFirst()
            .orElseThrow();
    Store store = provider.open(location);
    try (Memkit byId = Memkit.of(store, options())) {
      List<AddMemory> adds = new ArrayList<>();
      for (int i = 0; i < 1_200; i++) {
        adds.add(AddMemory.of("memory " + i));
      }
      List<Memory> added =
          byId.space(Namespace.DEFAULT, Actor.of("test")).memories().addAll(adds).stream()
              .map(MemoryAdded::memory)
              .toList();
      Memory elsewhere =
          byId.space(Namespace.of("elsewhere"), Actor.of("test"))
              .memories()
              .add(AddMemory.of("not here"))
              .memory();
      List<MemoryId> asked = new ArrayList<>(added.stream().map(Memory::id).toList());
      asked.add(elsewhere.id());
      asked.add(MemoryId.of(9_999_999));
      asked.add(added.get(7).id());

      Map<MemoryId, Memory> found =
          store.read(tx -> tx.memories().findAll(Namespace.DEFAULT, asked));

      assertThat(found)
          .hasSize(added.size())
          .doesNotContainKey(elsewhere.id())
          .doesNotContainKey(MemoryId.of(9_999_999));
      added.forEach(m -> assertThat(found.get(m.id())).isEqualTo(m));
      Map<MemoryId, Memory> none =
          store.read(tx -> tx.memories().findAll(Namespace.DEFAULT, List.of()));
      assertThat(none).isEmpty();
      Map<MemoryId, Memory> there =
          store.read(
              tx ->
                  tx.memories()
                      .findAll(
                          Namespace.of("elsewhere"), List.of(elsewhere.id(), added.get(0).id())));
      assertThat(there).containsOnlyKeys(elsewhere.id());
    }
  }

  // =================================================================== search

  @Test
  void searchFindsOtherFormsOfTheSameWord() {
    Memory deployed = remember("Deployed v1.2", "deploy", "v1.2");
    remember("Wrote the quarterly report");
    assertThat(ids(space.memories().search(SearchMemories.of("deploying"))))
        .containsExactly(deployed.id().value());
    assertThat(ids(space.memories().search(SearchMemories.of("deploys"))))
        .containsExactly(deployed.id().value());
  }

  @Test
  void aNaturalQuestionFindsWhatItAsksFor() {
    Memory deployed = remember("Deployed v1.2", "deploy", "v1.2");
    remember("Lunch with the design team");
    List<SearchHit> hits = space.memories().search(SearchMemories.of("When did we deploy v1.2?"));
    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).memory().id()).isEqualTo(deployed.id());
  }

  @Test
  void hostileQueriesAreJustText() {
    remember("Deployed v1.2 to production (finally)", "deploy");
    remember("Said \"hello\" to the NEAR team; col:value and a-b-c");
    for (String q : hostileQueries()) {
      List<SearchHit> hits = space.memories().search(new SearchMemories(q, MemoryFilter.ALL, 10));
      assertThat(hits)
          .as("query %s", q)
          .allSatisfy(h -> assertThat(h.memory().namespace()).isEqualTo(Namespace.DEFAULT));
    }
    assertThat(space.memories().search(SearchMemories.of("\"deploy"))).hasSize(1);
    assertThat(space.memories().search(SearchMemories.of("deploy OR"))).hasSize(1);
    assertThat(space.memories().search(SearchMemories.of("deploy*"))).hasSize(1);
    assertThat(space.memories().search(SearchMemories.of("(deploy"))).hasSize(1);
  }

  /** Queries that are syntax to a naive full-text engine; to memkit they are words. */
  public static List<String> hostileQueries() {
    List<String> queries =
        new ArrayList<>(
            List.of(
                "\"",
                "\"\"",
                "\"deploy",
                "deploy\"",
                "'",
                "''",
                "OR",
                "AND",
                "NOT",
                "deploy OR",
                "OR deploy",
                "AND OR NOT",
                "*",
                "deploy*",
                "*deploy",
                "(",
                ")",
                "(deploy",
                "deploy)",
                "((()))",
                "NEAR(",
                "NEAR(deploy production)",
                "NEAR(a b, 3)",
                "^",
                "^deploy",
                "-",
                "-deploy",
                "deploy -production",
                ":",
                "text:deploy",
                "tags:deploy",
                "{text}: deploy",
                "col:value",
                "+",
                "a+b",
                "deploy AND (production OR",
                "\\",
                "\\\"",
                "%",
                "_",
                "%deploy%",
                "'; DROP TABLE memories; --",
                "1=1",
                "\u0000",
                "\u0000deploy",
                "deploy\u0000",
                "\t\n\r",
                "   ",
                "déployé",
                "デプロイ",
                "🚀",
                "🚀 deploy",
                "x".repeat(200),
                "[deploy]",
                "{deploy}",
                "deploy;",
                "a:b:c:d",
                "\"unbalanced \"quotes\" here",
                "col1 : col2",
                "@#$%^&*()",
                "MATCH",
                "rank",
                "bm25(memories_fts)"));
    StringBuilder big = new StringBuilder();
    java.util.Random random = new java.util.Random(42);
    String alphabet = "abc def\"()*:^-+ OR NEAR AND é😀";
    while (big.length() < 10_000) {
      big.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    queries.add(big.toString());
    return queries;
  }

  @Test
  void memoriesWithAllTheWordsRankAboveThoseWithSome() {
    Memory some1 = remember("The billing service was slow all week");
    Memory all = remember("Billing service deploy finished");
    Memory some2 = remember("Deploy the docs site");
    List<SearchHit> hits = space.memories().search(SearchMemories.of("billing deploy"));
    assertThat(ids(hits)).hasSize(3);
    assertThat(hits.get(0).memory().id()).isEqualTo(all.id());
    assertThat(hits.get(0).matchedTerms()).isEqualTo(2);
    assertThat(ids(hits).subList(1, 3))
        .containsExactlyInAnyOrder(some1.id().value(), some2.id().value());
    assertThat(hits).allSatisfy(h -> assertThat(h.score()).isPositive());
    assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(1).score());
  }

  @Test
  void searchFiltersByTagKindAndTime() {
    Instant jan = Instant.parse("2026-01-15T00:00:00Z");
    space.memories().add(AddMemory.of("deploy alpha").withTags("prod").withOccurredAt(jan));
    space
        .memories()
        .add(AddMemory.of("deploy beta").withTags("staging").withKind(Kind.of("event")));
    space.memories().add(AddMemory.of("deploy gamma").withTags("PROD").withKind(Kind.of("event")));
    assertThat(
            searchTexts(
                "deploy",
                new MemoryFilter(List.of(Tag.of("prod")), Optional.empty(), TimeRange.ALL)))
        .containsExactlyInAnyOrder("deploy alpha", "deploy gamma");
    assertThat(
            searchTexts(
                "deploy",
                new MemoryFilter(List.of(), Optional.of(Kind.of("event")), TimeRange.ALL)))
        .containsExactlyInAnyOrder("deploy beta", "deploy gamma");
    assertThat(
            searchTexts(
                "deploy",
                new MemoryFilter(
                    List.of(),
                    Optional.empty(),
                    TimeRange.of(null, Instant.parse("2026-02-01T00:00:00Z")))))
        .containsExactly("deploy alpha");
  }

  private List<String> searchTexts(String q, MemoryFilter filter) {
    return space.memories().search(new SearchMemories(q, filter, 100)).stream()
        .map(h -> h.memory().text())
        .toList();
  }

  @Test
  void searchReturnsAtMostTheLimit() {
    for (int i = 0; i < 15; i++) {
      remember("deploy number " + i);
    }
    assertThat(space.memories().search(SearchMemories.of("deploy"))).hasSize(10);
    assertThat(space.memories().search(SearchMemories.of("deploy").withLimit(3))).hasSize(3);
    assertThat(space.memories().search(SearchMemories.of("deploy").withLimit(100))).hasSize(15);
    assertThatThrownBy(() -> SearchMemories.of("deploy").withLimit(101))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> SearchMemories.of("deploy").withLimit(0))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void searchFindsTagsAndUpdatedTextAndFoldsDiacritics() {
    Memory m = remember("Met at the Café Rouge", "meeting");
    assertThat(ids(space.memories().search(SearchMemories.of("cafe"))))
        .containsExactly(m.id().value());
    assertThat(ids(space.memories().search(SearchMemories.of("meetings"))))
        .containsExactly(m.id().value());
    space.memories().update(m.id(), UpdateMemory.text("Moved to the tea house"));
    assertThat(space.memories().search(SearchMemories.of("cafe"))).isEmpty();
    assertThat(ids(space.memories().search(SearchMemories.of("tea"))))
        .containsExactly(m.id().value());
  }

  @Test
  void aQueryOfOnlyStopWordsOrPunctuationStillWorks() {
    Memory m = remember("What it is");
    assertThat(ids(space.memories().search(SearchMemories.of("what is it?"))))
        .containsExactly(m.id().value());
    assertThat(space.memories().search(SearchMemories.of("?!...")).isEmpty()).isTrue();
  }

  // =================================================================== snapshots

  @Test
  void snapshotsAreMemoriesOfKindSnapshotWithTheirOwnListing() {
    remember("a note");
    Memory first =
        space
            .memories()
            .saveSnapshot(
                new SaveSnapshot(
                    "Session 1: planned the launch",
                    JsonValue.objectBuilder().put("mood", "good").build(),
                    List.of(Tag.of("session"))));
    Memory second =
        space
            .memories()
            .saveSnapshot(
                new SaveSnapshot("Session 2: shipped", JsonValue.emptyObject(), List.of()));
    assertThat(first.kind()).isEqualTo(Kind.SNAPSHOT);
    assertThat(first.metadata()).isEqualTo(JsonValue.objectBuilder().put("mood", "good").build());
    assertThat(space.memories().latestSnapshot()).contains(second);
    assertThat(space.memories().listSnapshots(new ListSnapshots(Optional.empty(), 10)).items())
        .containsExactly(second, first);
    assertThat(in("other").memories().latestSnapshot()).isEmpty();
  }

  // =================================================================== goals

  @Test
  void goalsStartNewWithIncreasingIds() {
    Goal a = space.goals().add(AddGoal.of("Launch MVP"));
    Goal b =
        space
            .goals()
            .add(new AddGoal("Write docs", Optional.of(Instant.parse("2026-12-01T00:00:00Z"))));
    assertThat(a.status()).isEqualTo(GoalStatus.NEW);
    assertThat(b.id().value()).isGreaterThan(a.id().value());
    assertThat(space.goals().find(b.id()).orElseThrow().dueAt())
        .contains(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(space.goals().find(a.id()).orElseThrow()).isEqualTo(a);
  }

  @Test
  void progressRecordsStatusChangesAndNotesOnTheTimeline() {
    Goal g = space.goals().add(AddGoal.of("Launch MVP"));
    space
        .goals()
        .progress(
            new RecordProgress(
                g.id(), Optional.of(GoalStatus.IN_PROGRESS), Optional.of("Wired authentication")));
    space.goals().progress(new RecordProgress(g.id(), Optional.empty(), Optional.of("Halfway")));
    Goal done =
        space
            .goals()
            .progress(new RecordProgress(g.id(), Optional.of(GoalStatus.DONE), Optional.empty()));
    assertThat(done.status()).isEqualTo(GoalStatus.DONE);
    var timeline = space.goals().timeline(g.id());
    assertThat(timeline).hasSize(3);
    assertThat(timeline.get(0).from()).isEqualTo(GoalStatus.NEW);
    assertThat(timeline.get(0).to()).isEqualTo(GoalStatus.IN_PROGRESS);
    assertThat(timeline.get(0).note()).contains("Wired authentication");
    assertThat(timeline.get(1).from()).isEqualTo(GoalStatus.IN_PROGRESS);
    assertThat(timeline.get(1).to()).isEqualTo(GoalStatus.IN_PROGRESS);
    assertThat(timeline.get(2).note()).isEmpty();
    assertThat(space.goals().find(g.id()).orElseThrow()).isEqualTo(done);
  }

  @Test
  void progressWithNeitherStatusNorNoteIsRejected() {
    Goal g = space.goals().add(AddGoal.of("Launch MVP"));
    assertThatThrownBy(
            () ->
                space
                    .goals()
                    .progress(new RecordProgress(g.id(), Optional.empty(), Optional.empty())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("status, a note, or both");
    assertThatThrownBy(
            () ->
                space
                    .goals()
                    .progress(
                        new RecordProgress(
                            g.id(), Optional.empty(), Optional.of("x".repeat(4001)))))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                space
                    .goals()
                    .progress(
                        new RecordProgress(
                            GoalId.of(999), Optional.of(GoalStatus.DONE), Optional.empty())))
        .isInstanceOf(NotFoundException.class);
    assertThat(space.goals().timeline(g.id())).isEmpty();
  }

  @Test
  void goalsListByStatusAndActive() {
    Goal a = space.goals().add(AddGoal.of("a"));
    Goal b = space.goals().add(AddGoal.of("b"));
    Goal c = space.goals().add(AddGoal.of("c"));
    space
        .goals()
        .progress(new RecordProgress(b.id(), Optional.of(GoalStatus.DONE), Optional.empty()));
    space
        .goals()
        .progress(new RecordProgress(c.id(), Optional.of(GoalStatus.BLOCKED), Optional.empty()));
    assertThat(space.goals().list(ListGoals.ACTIVE))
        .extracting(Goal::title)
        .containsExactly("a", "c");
    assertThat(space.goals().list(ListGoals.withStatus(Set.of(GoalStatus.DONE))))
        .extracting(Goal::title)
        .containsExactly("b");
    assertThat(space.goals().list(ListGoals.ALL))
        .extracting(Goal::id)
        .containsExactly(a.id(), b.id(), c.id());
  }

  @Test
  void updatingAGoalChangesTitleDueDateAndStatus() {
    Goal g =
        space
            .goals()
            .add(new AddGoal("Launch", Optional.of(Instant.parse("2026-12-01T00:00:00Z"))));
    Goal renamed =
        space
            .goals()
            .update(
                g.id(),
                new UpdateGoal(
                    Optional.of("Launch MVP"), Optional.empty(), false, Optional.empty()));
    assertThat(renamed.title()).isEqualTo("Launch MVP");
    assertThat(renamed.dueAt()).isEqualTo(g.dueAt());
    Goal cleared =
        space
            .goals()
            .update(
                g.id(),
                new UpdateGoal(
                    Optional.empty(), Optional.empty(), true, Optional.of(GoalStatus.BLOCKED)));
    assertThat(cleared.dueAt()).isEmpty();
    assertThat(cleared.status()).isEqualTo(GoalStatus.BLOCKED);
    assertThat(cleared.progress()).hasSize(1);
    assertThat(space.goals().find(g.id()).orElseThrow()).isEqualTo(cleared);
    assertThatThrownBy(() -> new AddGoal("x".repeat(501), Optional.empty()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void deletingAGoalRemovesItAndItsTimeline() {
    Goal g = space.goals().add(AddGoal.of("Temporary"));
    space.goals().progress(new RecordProgress(g.id(), Optional.empty(), Optional.of("note")));
    space.goals().delete(g.id());
    assertThat(space.goals().find(g.id())).isEmpty();
    assertThat(space.goals().list(ListGoals.ALL)).isEmpty();
    assertThatThrownBy(() -> space.goals().delete(g.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> space.goals().timeline(g.id())).isInstanceOf(NotFoundException.class);
  }

  // =================================================================== context

  @Test
  void contextBlockHasTheSeedFormatExactly() {
    space.state().set(StateKey.of("current_phase"), JsonValue.of("testing"));
    remember("Deployed v1.2", "deploy", "v1.2");
    Goal g = space.goals().add(AddGoal.of("Launch MVP"));
    space
        .goals()
        .progress(
            new RecordProgress(
                g.id(), Optional.of(GoalStatus.IN_PROGRESS), Optional.of("Wired authentication")));
    ContextBlock block = space.context().export(ContextRequest.maxTokens(1500));
    assertThat(block.text())
        .isEqualTo(
            "# State:\n- current_phase: testing\n\n# Goals:\n- [in_progress] ("
                + g.id().value()
                + ") Launch MVP\n\n# Recent Memory:\n- Deployed v1.2 (deploy,v1.2)");
    assertThat(block.tokens()).isPositive().isLessThanOrEqualTo(1500);
    assertThat(block.tokenizer()).isEqualTo(WordTokenCounterProvider.ENCODING);
  }

  @Test
  void aQueryAddsARelevantMemorySection() {
    remember("Deployed v1.2", "deploy");
    for (int i = 0; i < 5; i++) {
      remember("Routine note " + i);
    }
    ContextBlock block =
        space.context().export(ContextRequest.maxTokens(1000).withQuery("when did we deploy?"));
    assertThat(block.text())
        .startsWith(
            "# Relevant Memory:\n- Deployed v1.2 (deploy)\n\n# Recent Memory:\n- Routine note 4");
    assertThat(block.text()).containsOnlyOnce("Deployed v1.2");
  }

  @Test
  void contextNeverExceedsTheBudgetAndLeavesOutWholeLines() {
    for (int i = 0; i < 12; i++) {
      space.state().set(StateKey.of("key" + i), JsonValue.of("value number " + i));
      remember("memory number " + i + " about deploys and billing", "t" + i);
    }
    space.goals().add(AddGoal.of("A goal with a long title that costs tokens"));
    Set<String> lines = new HashSet<>();
    for (int budget = 1; budget <= 400; budget += 3) {
      ContextBlock block =
          space.context().export(ContextRequest.maxTokens(budget).withQuery("billing"));
      assertThat(block.tokens()).isLessThanOrEqualTo(budget);
      assertThat(block.maxTokens()).isEqualTo(budget);
      lines.addAll(List.of(block.text().split("\n")));
    }
    assertThat(lines)
        .allSatisfy(
            line ->
                assertThat(line).matches("|# (State|Goals|Relevant Memory|Recent Memory):|- .+"));
    ContextBlock small = space.context().export(ContextRequest.maxTokens(30));
    assertThat(small.text()).startsWith("# State:").doesNotContain("# Recent Memory:");
    assertThat(small.omitted()).isPositive();
    assertThatThrownBy(() -> ContextRequest.maxTokens(0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("max_tokens");
    assertThatThrownBy(() -> ContextRequest.maxTokens(128_001))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void theSameDataGivesTheSameBytes() {
    space.state().set(StateKey.of("b"), JsonValue.objectBuilder().put("x", 1).build());
    space.state().set(StateKey.of("a"), JsonValue.of(true));
    remember("one", "x");
    remember("two");
    space.goals().add(AddGoal.of("goal"));
    ContextBlock first = space.context().export(ContextRequest.maxTokens(500).withQuery("one"));
    ContextBlock second = space.context().export(ContextRequest.maxTokens(500).withQuery("one"));
    assertThat(second).isEqualTo(first);
    assertThat(first.text())
        .startsWith("# State:\n- a: true\n- b: {\"x\":1}\n\n# Goals:\n- [new] (");
  }

  @Test
  void anEmptyNamespaceGivesAnEmptyBlock() {
    ContextBlock block = space.context().export(ContextRequest.maxTokens(100));
    assertThat(block.text()).isEmpty();
    assertThat(block.tokens()).isZero();
  }

  // =================================================================== audit

  @Test
  void everyChangeLeavesAnAuditEntryWithADiff() {
    space.state().set(StateKey.of("phase"), JsonValue.of("design"));
    space.state().set(StateKey.of("phase"), JsonValue.of("testing"));
    space
        .state()
        .mergePatch(
            new PatchState(
                StateKey.of("doc"),
                JsonValue.objectBuilder().put("a", 1).build(),
                OptionalLong.empty()));
    space.state().delete(new DeleteState(StateKey.of("phase"), OptionalLong.empty()));
    Memory m = remember("note");
    space.memories().update(m.id(), UpdateMemory.text("note, edited"));
    space.memories().delete(m.id());
    space.memories().saveSnapshot(new SaveSnapshot("summary", JsonValue.emptyObject(), List.of()));
    Goal g = space.goals().add(AddGoal.of("goal"));
    space
        .goals()
        .progress(
            new RecordProgress(
                g.id(), Optional.of(GoalStatus.IN_PROGRESS), Optional.of("started")));
    space
        .goals()
        .update(
            g.id(),
            new UpdateGoal(Optional.of("goal!"), Optional.empty(), false, Optional.empty()));
    space.goals().delete(g.id());

    List<AuditEntry> entries = space.audit().list(ListAudit.newest(50)).items();
    assertThat(entries)
        .extracting(AuditEntry::action)
        .containsExactly(
            "goal.delete",
            "goal.update",
            "goal.progress",
            "goal.add",
            "snapshot.save",
            "memory.delete",
            "memory.update",
            "memory.add",
            "state.delete",
            "state.patch",
            "state.set",
            "state.set");
    assertThat(entries)
        .allSatisfy(
            e -> {
              assertThat(e.actor()).isEqualTo(Actor.of("test"));
              assertThat(e.namespace()).isEqualTo(Namespace.DEFAULT);
              assertThat(e.diff()).startsWith("--- ").contains("\n+++ ").contains("\n@@ ");
            });
    AuditEntry change = entries.get(entries.size() - 2);
    assertThat(change.target()).isEqualTo("state:phase");
    assertThat(change.diff())
        .contains("\n-  \"value\": \"design\",\n")
        .contains("\n+  \"value\": \"testing\",\n");
    assertThat(change.before()).isPresent();
    assertThat(change.after()).isPresent();
    AuditEntry created = entries.get(entries.size() - 1);
    assertThat(created.before()).isEmpty();
    assertThat(created.diff()).startsWith("--- /dev/null\n+++ b/state:phase\n");
    AuditEntry deleted = entries.get(0);
    assertThat(deleted.after()).isEmpty();
    assertThat(deleted.diff()).contains("+++ /dev/null");
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).sequence()).isLessThan(entries.get(i - 1).sequence());
    }
  }

  @Test
  void aRejectedChangeLeavesNoAuditEntry() {
    space.state().set(StateKey.of("k"), JsonValue.of(1));
    int before = space.audit().list(ListAudit.newest(50)).items().size();
    assertThatThrownBy(
            () ->
                space
                    .state()
                    .set(new SetState(StateKey.of("k"), JsonValue.of(2), OptionalLong.of(7))))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> space.memories().delete(MemoryId.of(12345)))
        .isInstanceOf(NotFoundException.class);
    assertThat(space.audit().list(ListAudit.newest(50)).items()).hasSize(before);
  }

  @Test
  void auditIsFilteredByTargetTimeAndPagedBySequence() {
    Memory m = remember("first");
    space.memories().update(m.id(), UpdateMemory.text("second"));
    space.state().set(StateKey.of("k"), JsonValue.of(1));
    Goal g = space.goals().add(AddGoal.of("g"));
    in("other").state().set(StateKey.of("k"), JsonValue.of(2));

    List<AuditEntry> forMemory =
        space
            .audit()
            .list(
                new ListAudit(
                    Optional.of("memory:" + m.id().value()),
                    TimeRange.ALL,
                    OptionalLong.empty(),
                    50))
            .items();
    assertThat(forMemory)
        .extracting(AuditEntry::action)
        .containsExactly("memory.update", "memory.add");
    assertThat(
            space
                .audit()
                .list(new ListAudit(Optional.of("memory"), TimeRange.ALL, OptionalLong.empty(), 50))
                .items())
        .hasSize(2);
    assertThat(
            space
                .audit()
                .list(
                    new ListAudit(
                        Optional.of("goal:" + g.id().value()),
                        TimeRange.ALL,
                        OptionalLong.empty(),
                        50))
                .items())
        .hasSize(1);
    List<AuditEntry> all = space.audit().list(ListAudit.newest(50)).items();
    assertThat(all)
        .hasSize(4)
        .allSatisfy(e -> assertThat(e.namespace()).isEqualTo(Namespace.DEFAULT));
    List<AuditEntry> page =
        space
            .audit()
            .list(
                new ListAudit(
                    Optional.empty(), TimeRange.ALL, OptionalLong.of(all.get(1).sequence()), 50))
            .items();
    assertThat(page).containsExactlyElementsOf(all.subList(2, 4));
    assertThat(space.audit().list(ListAudit.newest(1)).items()).containsExactly(all.get(0));
    Instant future = Instant.now().plusSeconds(3600);
    assertThat(
            space
                .audit()
                .list(
                    new ListAudit(
                        Optional.empty(), TimeRange.of(future, null), OptionalLong.empty(), 50))
                .items())
        .isEmpty();
    assertThat(
            space
                .audit()
                .list(
                    new ListAudit(
                        Optional.empty(), TimeRange.of(null, future), OptionalLong.empty(), 50))
                .items())
        .hasSize(4);
  }

  @Test
  void auditPageHasANextCursorOnlyWhenMoreEntriesFollow() {
    for (int i = 1; i <= 4; i++) {
      space.state().set(StateKey.of("k" + i), JsonValue.of(i));
    }
    AuditPage first = space.audit().list(ListAudit.newest(2));
    assertThat(first.items())
        .extracting(AuditEntry::target)
        .containsExactly("state:k4", "state:k3");
    assertThat(first.nextCursor()).contains(Long.toString(first.items().get(1).sequence()));
    AuditPage last =
        space
            .audit()
            .list(
                new ListAudit(
                    Optional.empty(),
                    TimeRange.ALL,
                    OptionalLong.of(Long.parseLong(first.nextCursor().orElseThrow())),
                    2));
    assertThat(last.items()).extracting(AuditEntry::target).containsExactly("state:k2", "state:k1");
    assertThat(last.nextCursor()).isEmpty();
    assertThat(space.audit().list(ListAudit.newest(4)).nextCursor()).isEmpty();
    assertThat(space.audit().list(ListAudit.newest(3)).nextCursor()).isPresent();
    assertThatThrownBy(() -> ListAudit.newest(Limits.AUDIT_PAGE_MAX + 1))
        .isInstanceOf(ValidationException.class);
  }

  // =================================================================== backups

  @Test
  void restoringABackupGivesItsDataAndCanBeUndone() {
    space.state().set(StateKey.of("phase"), JsonValue.of("design"));
    remember("before the backup");
    space.goals().add(AddGoal.of("goal"));
    JsonValue atBackup = dataOf(memkit);
    BackupInfo backup = memkit.backups(Actor.of("test")).create();

    space.state().set(StateKey.of("phase"), JsonValue.of("testing"));
    remember("after the backup");
    in("other").state().set(StateKey.of("x"), JsonValue.of(1));
    JsonValue changed = dataOf(memkit);

    BackupInfo safety = memkit.backups(Actor.of("test")).restore(backup.id());
    assertThat(dataOf(memkit)).isEqualTo(atBackup);
    assertThat(space.memories().search(SearchMemories.of("after"))).isEmpty();
    assertThat(space.memories().search(SearchMemories.of("before"))).hasSize(1);

    memkit.backups(Actor.of("test")).restore(safety.id());
    assertThat(dataOf(memkit)).isEqualTo(changed);
    assertThat(memkit.backups(Actor.of("test")).list())
        .extracting(BackupInfo::id)
        .contains(backup.id(), safety.id());
  }

  @Test
  void aRestoreKeepsTheAuditLogAndIsAudited() {
    space.state().set(StateKey.of("k"), JsonValue.of(1));
    BackupInfo backup = memkit.backups(Actor.of("admin")).create();
    space.state().set(StateKey.of("k"), JsonValue.of(2));
    memkit.backups(Actor.of("admin")).restore(backup.id());
    List<AuditEntry> entries = space.audit().list(ListAudit.newest(50)).items();
    assertThat(entries)
        .extracting(AuditEntry::action)
        .containsExactly("restore", "state.set", "state.set");
    assertThat(entries.get(0).actor()).isEqualTo(Actor.of("admin"));
    Memory after = remember("after restore");
    assertThat(space.memories().find(after.id())).isPresent();
  }

  @Test
  void backupsAreListedNewestFirstAndUnknownOnesAreRejected() {
    BackupInfo first = memkit.backups(Actor.of("test")).create();
    remember("x");
    BackupInfo second = memkit.backups(Actor.of("test")).create();
    List<BackupInfo> list = memkit.backups(Actor.of("test")).list();
    assertThat(list.indexOf(second)).isLessThan(list.indexOf(first));
    assertThat(second.createdAt()).isAfterOrEqualTo(first.createdAt());
    assertThatThrownBy(() -> memkit.backups(Actor.of("test")).restore("no-such-backup"))
        .isInstanceOf(NotFoundException.class);
    assertThat(space.memories().list(ListMemories.newest(10)).items()).hasSize(1);
  }

  @Test
  void backupsAreRotatedToTheConfiguredCount() {
    memkit.close();
    memkit =
        Memkit.open(storeUri(dir), options().withEnvironment(Map.of("MEMKIT_BACKUP_KEEP", "3")));
    space = memkit.space(Namespace.DEFAULT, Actor.of("test"));
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      remember("memory " + i);
      made.add(memkit.backups(Actor.of("test")).create().id());
      sleepAMillisecond();
    }
    List<String> kept =
        memkit.backups(Actor.of("test")).list().stream().map(BackupInfo::id).toList();
    assertThat(kept).hasSize(3).containsExactly(made.get(4), made.get(3), made.get(2));
  }

  private static void sleepAMillisecond() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // =================================================================== export / import

  @Test
  void exportThenImportIntoAnEmptyStoreGivesEqualData() {
    fillWithSampleData();
    JsonValue.JsonObject doc = memkit.transfer(Actor.of("test")).export(ExportNamespaces.ALL);
    assertThat(doc.string("format")).contains("memkit-export");
    Path otherDir = dir.resolve("copy");
    try (Memkit copy = Memkit.open(storeUri(otherDir), options())) {
      var report =
          copy.transfer(Actor.of("test")).importDocument(new ImportDocument(doc, ImportMode.MERGE));
      assertThat(report.namespaces())
          .extracting(Namespace::value)
          .containsExactly("default", "other");
      assertThat(dataOf(copy)).isEqualTo(dataOf(memkit));
      Space copied = copy.space(Namespace.DEFAULT, Actor.of("test"));
      assertThat(copied.memories().search(SearchMemories.of("deploying"))).hasSize(1);
      long maxId = copied.memories().list(ListMemories.newest(1)).items().get(0).id().value();
      assertThat(copied.memories().add(AddMemory.of("new")).memory().id().value())
          .isGreaterThan(maxId);
      assertThat(
              copied.memories().add(AddMemory.of("retry").withKey(MemoryKey.of("k-1"))).created())
          .isFalse();
    }
  }

  @Test
  void importReplacesOrMergesANamespace() {
    fillWithSampleData();
    JsonValue.JsonObject doc =
        memkit.transfer(Actor.of("test")).export(ExportNamespaces.of(Namespace.of("other")));
    in("other").state().set(StateKey.of("extra"), JsonValue.of("kept on merge"));
    in("other").memories().add(AddMemory.of("extra memory"));
    memkit.transfer(Actor.of("test")).importDocument(new ImportDocument(doc, ImportMode.MERGE));
    assertThat(in("other").state().get(StateKey.of("extra"))).isPresent();
    memkit.transfer(Actor.of("test")).importDocument(new ImportDocument(doc, ImportMode.REPLACE));
    assertThat(in("other").state().get(StateKey.of("extra"))).isEmpty();
    assertThat(in("other").memories().search(SearchMemories.of("extra"))).isEmpty();
    JsonValue.JsonObject again =
        memkit.transfer(Actor.of("test")).export(ExportNamespaces.of(Namespace.of("other")));
    assertThat(again.get("namespaces")).isEqualTo(doc.get("namespaces"));
    assertThat(in("other").audit().list(ListAudit.newest(50)).items().get(0).action())
        .isEqualTo("import");
  }

  @Test
  void anInvalidImportDocumentChangesNothing() {
    fillWithSampleData();
    JsonValue before = dataOf(memkit);
    JsonValue.JsonObject doc = memkit.transfer(Actor.of("test")).export(ExportNamespaces.ALL);
    assertThatThrownBy(
            () ->
                memkit
                    .transfer(Actor.of("test"))
                    .importDocument(
                        new ImportDocument(
                            doc.with("version", JsonValue.of(2)), ImportMode.REPLACE)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(
            () ->
                memkit
                    .transfer(Actor.of("test"))
                    .importDocument(
                        new ImportDocument(JsonValue.of("nonsense"), ImportMode.REPLACE)))
        .isInstanceOf(ValidationException.class);
    JsonValue badMemory = JsonValue.objectBuilder().put("id", 5).put("text", "").build();
    JsonValue.JsonObject broken =
        doc.with(
            "namespaces",
            JsonValue.array(
                JsonValue.objectBuilder()
                    .put("namespace", "default")
                    .put("memories", JsonValue.array(badMemory))
                    .build()));
    assertThatThrownBy(
            () ->
                memkit
                    .transfer(Actor.of("test"))
                    .importDocument(new ImportDocument(broken, ImportMode.REPLACE)))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).field())
                    .startsWith("namespaces[0].memories[0]"));
    JsonValue.JsonObject badNamespace =
        doc.with(
            "namespaces",
            JsonValue.array(JsonValue.objectBuilder().put("namespace", "../etc").build()));
    assertThatThrownBy(
            () ->
                memkit
                    .transfer(Actor.of("test"))
                    .importDocument(new ImportDocument(badNamespace, ImportMode.REPLACE)))
        .isInstanceOf(ValidationException.class);
    assertThat(dataOf(memkit)).isEqualTo(before);
  }

  /** State, memories, goals with a timeline, in two namespaces. */
  protected void fillWithSampleData() {
    space.state().set(StateKey.of("current_phase"), JsonValue.of("testing"));
    space
        .state()
        .mergePatch(
            new PatchState(
                StateKey.PROFILE,
                JsonValue.objectBuilder().put("name", "Ada").build(),
                OptionalLong.empty()));
    space
        .memories()
        .add(
            AddMemory.of("Deployed v1.2")
                .withTags("deploy", "v1.2")
                .withKey(MemoryKey.of("k-1"))
                .withMetadata(JsonValue.objectBuilder().put("by", "ci").build())
                .withOccurredAt(Instant.parse("2026-01-02T03:04:05Z")));
    space
        .memories()
        .saveSnapshot(
            new SaveSnapshot(
                "Session summary", JsonValue.objectBuilder().put("n", 1).build(), List.of()));
    Goal g =
        space
            .goals()
            .add(new AddGoal("Launch MVP", Optional.of(Instant.parse("2026-12-01T00:00:00Z"))));
    space
        .goals()
        .progress(
            new RecordProgress(
                g.id(), Optional.of(GoalStatus.IN_PROGRESS), Optional.of("Wired authentication")));
    in("other").state().set(StateKey.of("x"), JsonValue.array(JsonValue.of(1), JsonValue.of(2)));
    in("other").memories().add(AddMemory.of("Other namespace memory"));
    in("other").goals().add(AddGoal.of("Other goal"));
  }

  // =================================================================== isolation & concurrency

  @Test
  void namespacesNeverSeeEachOthersData() {
    Space a = in("alpha");
    Space b = in("beta");
    a.state().set(StateKey.of("k"), JsonValue.of("a"));
    Memory ma = a.memories().add(AddMemory.of("alpha deploy")).memory();
    Goal ga = a.goals().add(AddGoal.of("alpha goal"));
    assertThat(b.state().get(StateKey.of("k"))).isEmpty();
    assertThat(b.state().list("")).isEmpty();
    assertThat(b.memories().find(ma.id())).isEmpty();
    assertThat(b.memories().list(ListMemories.newest(10)).items()).isEmpty();
    assertThat(b.memories().search(SearchMemories.of("deploy"))).isEmpty();
    assertThat(b.goals().find(ga.id())).isEmpty();
    assertThat(b.goals().list(ListGoals.ALL)).isEmpty();
    assertThat(b.audit().list(ListAudit.newest(50)).items()).isEmpty();
    assertThat(b.context().export(ContextRequest.maxTokens(100)).text()).isEmpty();
    assertThatThrownBy(() -> b.memories().delete(ma.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                b.goals()
                    .progress(
                        new RecordProgress(
                            ga.id(), Optional.of(GoalStatus.DONE), Optional.empty())))
        .isInstanceOf(NotFoundException.class);
    assertThat(a.memories().find(ma.id())).isPresent();
    assertThat(memkit.namespaces()).extracting(Namespace::value).containsExactly("alpha");
  }

  @Test
  void sixteenThreadsWritingFiveHundredEachLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  List<Long> ids = new ArrayList<>();
                  for (int i = 0; i < 500; i++) {
                    ids.add(
                        space
                            .memories()
                            .add(
                                AddMemory.of("thread " + thread + " write " + i)
                                    .withTags("t" + thread))
                            .memory()
                            .id()
                            .value());
                  }
                  return ids;
                }));
      }
      Set<Long> ids = new HashSet<>();
      for (Future<List<Long>> f : futures) {
        ids.addAll(f.get(5, TimeUnit.MINUTES));
      }
      assertThat(ids).hasSize(8_000);
    } finally {
      pool.shutdownNow();
    }
    int count = 0;
    Optional<String> cursor = Optional.empty();
    do {
      MemoryPage page = space.memories().list(new ListMemories(MemoryFilter.ALL, cursor, 100));
      count += page.items().size();
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    assertThat(count).isEqualTo(8_000);
    assertThat(
            space
                .memories()
                .search(
                    new SearchMemories(
                        "thread 7 write",
                        new MemoryFilter(List.of(Tag.of("t7")), Optional.empty(), TimeRange.ALL),
                        100)))
        .hasSize(100);
    assertThat(space.audit().list(ListAudit.newest(1000)).items()).hasSize(1000);
  }

  @Test
  void concurrentCompareAndSetLosesNoUpdate() throws Exception {
    StateKey counter = StateKey.of("counter");
    space.state().set(counter, JsonValue.of(0));
    int threads = 8;
    int increments = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  int conflicts = 0;
                  for (int i = 0; i < increments; i++) {
                    while (true) {
                      StateEntry current = space.state().get(counter).orElseThrow();
                      long n = ((JsonValue.JsonNumber) current.value()).value().longValueExact();
                      try {
                        space
                            .state()
                            .set(
                                new SetState(
                                    counter,
                                    JsonValue.of(n + 1),
                                    OptionalLong.of(current.version())));
                        break;
                      } catch (ConflictException e) {
                        conflicts++;
                      }
                    }
                  }
                  return conflicts;
                }));
      }
      for (Future<Integer> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    StateEntry last = space.state().get(counter).orElseThrow();
    assertThat(last.value()).isEqualTo(JsonValue.of(threads * increments));
    assertThat(last.version()).isEqualTo(threads * increments + 1L);
  }

  // =================================================================== persistence

  @Test
  void aStoreClosedAndReopenedKeepsEverything() {
    assumeTrue(persistent(), "this store keeps nothing once closed, by design");
    fillWithSampleData();
    BackupInfo backup = memkit.backups(Actor.of("test")).create();
    JsonValue before = dataOf(memkit);
    List<AuditEntry> audit = space.audit().list(ListAudit.newest(50)).items();
    long lastId = space.memories().list(ListMemories.newest(1)).items().get(0).id().value();
    reopen();
    assertThat(dataOf(memkit)).isEqualTo(before);
    assertThat(space.audit().list(ListAudit.newest(50)).items()).isEqualTo(audit);
    assertThat(memkit.backups(Actor.of("test")).list())
        .extracting(BackupInfo::id)
        .contains(backup.id());
    assertThat(space.memories().search(SearchMemories.of("deploying"))).hasSize(1);
    assertThat(space.memories().add(AddMemory.of("after reopen")).memory().id().value())
        .isGreaterThan(lastId);
    assertThat(space.memories().add(AddMemory.of("retry").withKey(MemoryKey.of("k-1"))).created())
        .isFalse();
  }

  @Test
  void theProviderIsFoundByItsScheme() {
    String scheme = storeUri(dir).substring(0, storeUri(dir).indexOf(':'));
    assertThat(Memkit.schemes()).contains(scheme);
    assertThat(memkit.storeDescription()).startsWith(scheme + ":");
  }

  private static JsonValue json(Map<String, JsonValue> members) {
    return JsonValue.object(new java.util.TreeMap<>(members));
  }
}
