package dev.memkit.store.jdbc;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.search.SearchQuery;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a store's SQL differs from the shared tables': search, id sequences, row locks, prefix
 * matches, joins that fix their order, how a memory's tags are indexed for filtering, whether child
 * rows go with their parent by a cascading foreign key, and how JSON text is read. The tables of a
 * {@link JdbcTransaction} ask it; a store passes one to every unit of work.
 *
 * <p>The schema the tables expect: {@code state(namespace, key, value, version, updated_at)};
 * {@code memories(id, namespace, text, tags, kind, metadata, occurred_at, client_key, created_at,
 * updated_at, effective_s, effective_n, …)}; {@code goals(id, namespace, title, status, due_at,
 * created_at, updated_at)} with {@code goal_progress(goal_id, position, at, from_status, to_status,
 * note)}; {@code audit(sequence, at, at_s, at_n, namespace, actor, action, target, before, after,
 * diff)}; {@code memory_vectors(memory_id, model, text_hash, vector)}. Times are {@link
 * TimeColumns} text.
 */
public interface JdbcDialect {
  /**
   * The id sequence of {@code records} ({@code memory} or {@code goal}) for the unit of work {@code
   * tx}.
   */
  IdSequence ids(JdbcTransaction tx, String records);

  /**
   * What follows a single-record read in a write to lock its row until the commit; empty when
   * writers never meet.
   */
  String rowLock();

  /**
   * The join keyword that makes the planner read the left table first ({@code CROSS JOIN} in
   * SQLite).
   */
  String orderedJoin();

  /**
   * Whether time bounds are compared as row values ({@code (s, n) >= (?, ?)}) rather than spelt
   * out.
   */
  boolean comparesRowValues();

  /**
   * Appends the condition (no {@code AND}) that {@code column} starts with {@code prefix}, bound as
   * data.
   */
  void appendStartsWith(StringBuilder sql, List<Object> params, String column, String prefix);

  /**
   * Whether deleting a goal deletes its timeline ({@code goal_progress} rows) by itself, by a
   * cascading foreign key.
   */
  boolean cascadesDeletes();

  /**
   * Whether a state entry is written with a compare-and-set on the version its unit of work read
   * (throwing {@link ConcurrentChange} when another writer got there first), for stores whose
   * writers run at once; else it is simply upserted.
   */
  boolean comparesAndSetsState();

  /**
   * Columns beside the record's own that a memory's row holds for filtering and search, with their
   * values; none by default.
   */
  default Map<String, Object> indexColumns(Memory memory) {
    return Map.of();
  }

  /** Indexes {@code memory} just put, where its index lives outside its row; nothing by default. */
  default void indexed(SqlConnection sql, Memory memory) {}

  /**
   * Forgets the index of memory {@code id} just deleted, where its index lives outside its row;
   * nothing by default.
   */
  default void unindexed(SqlConnection sql, long id) {}

  /**
   * Forgets the index of every memory of {@code namespace}, just before they are deleted; nothing
   * by default.
   */
  default void unindexedAll(SqlConnection sql, Namespace namespace) {}

  /**
   * Appends the condition that memory {@code m} holds every tag of {@code normalizedTags} (not
   * empty).
   */
  void appendTagFilter(StringBuilder sql, List<Object> params, Set<String> normalizedTags);

  /**
   * The memories of {@code namespace} that best match {@code query} under {@code filter}, best
   * first, at most {@code limit}; {@code rows} selects, filters and maps them.
   */
  List<SearchHit> search(
      JdbcTransaction tx,
      MemoryRows rows,
      Namespace namespace,
      SearchQuery query,
      MemoryFilter filter,
      int limit);

  /** Parses JSON text read from a column; {@code field} names it in errors. */
  JsonValue parseJson(String text, String field);
}
