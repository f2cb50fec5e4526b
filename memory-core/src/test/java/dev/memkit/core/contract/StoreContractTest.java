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
import dev.memkit.core.model.AuditQuery;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.model.ContextBlock;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Kind;
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
import dev.memkit.core.port.in.ImportMode;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.UpdateGoal;
import dev.memkit.core.port.in.UpdateMemory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The definition of a store: every promise of PRODUCT.md that one process can check. A store
 * module runs it by subclassing and saying how to name a fresh store in a temporary directory:
 *
 * <pre>{@code
 * class SqliteStoreContractTest extends StoreContractTest {
 *   protected String storeUri(Path dir) { return "sqlite:" + dir.resolve("memkit.db"); }
 * }
 * }</pre>
 *
 * <p>Stores are opened through {@link Memkit#open(String, MemkitOptions)}, so the suite also
 * checks that the store's provider is registered. Context blocks are counted with the
 * {@code test-words} counter shipped in this test-jar.
 */
public abstract class StoreContractTest {

  /** A fresh directory per test, for stores that keep files. */
  @TempDir
  protected Path dir;

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

  /** The options stores are opened with: no {@code MEMKIT_*} environment, the {@code test-words} counter. */
  protected MemkitOptions options() {
    return MemkitOptions.defaults().withEnvironment(Map.of()).withTokenizer(WordTokenCounterProvider.ENCODING);
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
    JsonValue.JsonObject doc = store.transfer(Actor.of("test")).export(Set.of());
    Map<String, JsonValue> members = new HashMap<>(doc.members());
    members.remove("exported_at");
    return JsonValue.object(new java.util.TreeMap<>(members));
  }
}
