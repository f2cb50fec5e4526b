package dev.memkit.store.postgres;

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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's SQL for the shared tables, for writers on many replicas at once: ids from the
 * sequences {@code memory_ids} and {@code goal_ids}, single-record reads in a write locked ({@code
 * FOR UPDATE}), state written by compare-and-set, lower-cased tags in the array column {@code
 * tag_keys} (GIN-indexed), search by {@code tsvector} ({@link TsvectorSearch}), child rows removed
 * by cascading foreign keys, prefixes matched with {@code starts_with}.
 */
final class PostgresDialect implements JdbcDialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  private PostgresDialect() {}

  @Override
  public IdSequence ids(JdbcTransaction tx, String records) {
    return new Sequence(tx, records + "_ids");
  }

  @Override
  public String rowLock() {
    return " FOR UPDATE";
  }

  @Override
  public String orderedJoin() {
    return "JOIN";
  }

  @Override
  public boolean comparesRowValues() {
    return true;
  }

  @Override
  public void appendStartsWith(
      StringBuilder sql, List<Object> params, String column, String prefix) {
    sql.append("starts_with(").append(column).append(", ?)");
    params.add(prefix);
  }

  @Override
  public boolean cascadesDeletes() {
    return true;
  }

  @Override
  public boolean comparesAndSetsState() {
    return true;
  }

  @Override
  public Map<String, Object> indexColumns(Memory memory) {
    List<String> tags = memory.tags().stream().map(Tag::value).toList();
    Set<String> tagKeys = new LinkedHashSet<>();
    memory.tags().forEach(t -> tagKeys.add(t.normalized()));
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("tag_keys", new SqlConnection.TextArray(List.copyOf(tagKeys)));
    columns.put("search_text", TsvectorSearch.searchText(memory.text(), tags));
    return columns;
  }

  @Override
  public void appendTagFilter(StringBuilder sql, List<Object> params, Set<String> normalizedTags) {
    sql.append(" AND m.tag_keys @> ?::text[]");
    params.add(new SqlConnection.TextArray(List.copyOf(normalizedTags)));
  }

  @Override
  public List<SearchHit> search(
      JdbcTransaction tx,
      MemoryRows rows,
      Namespace namespace,
      SearchQuery query,
      MemoryFilter filter,
      int limit) {
    return TsvectorSearch.search(tx, rows, namespace, query, filter, limit);
  }

  @Override
  public JsonValue parseJson(String text, String field) {
    return JsonText.parse(text, field);
  }
}
