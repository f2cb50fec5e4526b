package dev.memkit.store.sqlite;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.Tag;
import dev.memkit.core.search.SearchQuery;
import dev.memkit.jackson.JsonText;
import dev.memkit.store.jdbc.IdSequence;
import dev.memkit.store.jdbc.JdbcDialect;
import dev.memkit.store.jdbc.JdbcTransaction;
import dev.memkit.store.jdbc.MemoryRows;
import dev.memkit.store.jdbc.SqlConnection;
import java.util.List;
import java.util.Set;

/**
 * SQLite's SQL for the shared tables: ids from rows of table {@code sequences}, no row locks (the
 * one writer never meets another), lower-cased tags in table {@code memory_tags} (cleaned up here,
 * goal timelines by the tables), FTS5 search ({@link FtsSearch}), prefixes matched with {@code
 * substr}, {@code CROSS JOIN} to fix the join order.
 */
final class SqliteDialect implements JdbcDialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  private SqliteDialect() {}

  /** A row of table {@code sequences}, named {@code records}. */
  private record Sequence(JdbcTransaction tx, String records) implements IdSequence {
    @Override
    public long next() {
      return tx.writing()
          .number("UPDATE sequences SET value = value + 1 WHERE name = ? RETURNING value", records);
    }

    @Override
    public void movePast(long id) {
      tx.writing()
          .update("UPDATE sequences SET value = ? WHERE name = ? AND value < ?", id, records, id);
    }
  }

  @Override
  public IdSequence ids(JdbcTransaction tx, String records) {
    return new Sequence(tx, records);
  }

  @Override
  public String rowLock() {
    return "";
  }

  @Override
  public String orderedJoin() {
    return "CROSS JOIN";
  }

  @Override
  public boolean comparesRowValues() {
    return false;
  }

  @Override
  public void appendStartsWith(
      StringBuilder sql, List<Object> params, String column, String prefix) {
    sql.append("substr(").append(column).append(", 1, ?) = ?");
    params.add(prefix.codePointCount(0, prefix.length()));
    params.add(prefix);
  }

  @Override
  public boolean cascadesDeletes() {
    return false;
  }

  @Override
  public boolean comparesAndSetsState() {
    return false;
  }

  @Override
  public void indexed(SqlConnection sql, Memory memory) {
    long id = memory.id().value();
    sql.update("DELETE FROM memory_tags WHERE memory_id = ?", id);
    for (Tag t : memory.tags()) {
      sql.update("INSERT INTO memory_tags (memory_id, tag) VALUES (?, ?)", id, t.normalized());
    }
  }

  @Override
  public void unindexed(SqlConnection sql, long id) {
    sql.update("DELETE FROM memory_tags WHERE memory_id = ?", id);
  }

  @Override
  public void unindexedAll(SqlConnection sql, Namespace namespace) {
    sql.update(
        "DELETE FROM memory_tags WHERE memory_id IN (SELECT id FROM memories WHERE namespace = ?)",
        namespace.value());
  }

  @Override
  public void appendTagFilter(StringBuilder sql, List<Object> params, Set<String> normalizedTags) {
    for (String tag : normalizedTags) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM memory_tags t WHERE t.memory_id = m.id AND t.tag = ?)");
      params.add(tag);
    }
  }

  @Override
  public List<SearchHit> search(
      JdbcTransaction tx,
      MemoryRows rows,
      Namespace namespace,
      SearchQuery query,
      MemoryFilter filter,
      int limit) {
    return FtsSearch.search(tx, rows, namespace, query, filter, limit);
  }

  @Override
  public JsonValue parseJson(String text, String field) {
    return JsonText.parse(text, field);
  }
}
