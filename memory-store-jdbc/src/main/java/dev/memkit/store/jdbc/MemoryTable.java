package dev.memkit.store.jdbc;

import dev.memkit.core.json.JsonWriter;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.out.MemoryRecords;
import dev.memkit.core.search.SearchQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Memories in table {@code memories}: tags kept as written (space-separated, as tags hold no
 * spaces), metadata as compact JSON text, the effective time as epoch seconds and nanoseconds for
 * range filters; the dialect indexes tags and words for filtering and search.
 */
final class MemoryTable implements MemoryRecords {
  private final JdbcTransaction tx;
  private final JdbcDialect dialect;
  private final MemoryRows rows;

  /** Ids bound in one {@code IN} list: well under SQLite's and PostgreSQL's parameter limits. */
  static final int IDS_PER_QUERY = 500;

  private final IdSequence ids;

  MemoryTable(JdbcTransaction tx) {
    this.tx = tx;
    this.dialect = tx.dialect();
    this.rows = new MemoryRows(dialect);
    this.ids = dialect.ids(tx, "memory");
  }

  @Override
  public MemoryId nextId() {
    return MemoryId.of(ids.next());
  }

  @Override
  public void put(Memory m) {
    SqlConnection sql = tx.writing();
    long id = m.id().value();
    String metadata =
        m.metadata().members().isEmpty()
            ? MemoryRows.EMPTY_OBJECT
            : JsonWriter.compact(m.metadata());
    StringBuilder columns =
        new StringBuilder(
            "id, namespace, text, tags, kind, metadata, occurred_at, client_key,"
                + " created_at, updated_at, effective_s, effective_n");
    StringBuilder values = new StringBuilder("?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
    StringBuilder updates =
        new StringBuilder(
            "namespace = excluded.namespace, text = excluded.text,"
                + " tags = excluded.tags, kind = excluded.kind, metadata = excluded.metadata, occurred_at = excluded.occurred_at,"
                + " client_key = excluded.client_key, created_at = excluded.created_at, updated_at = excluded.updated_at,"
                + " effective_s = excluded.effective_s, effective_n = excluded.effective_n");
    List<Object> params =
        new ArrayList<>(
            List.of(
                id,
                m.namespace().value(),
                m.text(),
                String.join(" ", m.tags().stream().map(Tag::value).toList()),
                m.kind().value(),
                metadata));
    params.add(TimeColumns.text(m.occurredAt()));
    params.add(m.key().map(MemoryKey::value).orElse(null));
    params.add(TimeColumns.text(m.createdAt()));
    params.add(TimeColumns.text(m.updatedAt()));
    params.add(m.effectiveTime().getEpochSecond());
    params.add(m.effectiveTime().getNano());
    for (Map.Entry<String, Object> c : dialect.indexColumns(m).entrySet()) {
      columns.append(", ").append(c.getKey());
      values.append(", ?");
      updates.append(", ").append(c.getKey()).append(" = excluded.").append(c.getKey());
      params.add(c.getValue());
    }
    sql.update(
        "INSERT INTO memories ("
            + columns
            + ") VALUES ("
            + values
            + ") ON CONFLICT (id) DO UPDATE SET "
            + updates,
        params.toArray());
    dialect.indexed(sql, m);
    ids.movePast(id);
  }

  @Override
  public Optional<Memory> find(Namespace namespace, MemoryId id) {
    return tx.sql()
        .first(
            "SELECT "
                + MemoryRows.COLUMNS
                + " FROM memories m WHERE m.id = ? AND m.namespace = ?"
                + tx.lock(),
            rows::read,
            id.value(),
            namespace.value());
  }

  /** Reads the memories in chunks of {@value #IDS_PER_QUERY} ids, one query each. */
  @Override
  public Map<MemoryId, Memory> findAll(Namespace namespace, Collection<MemoryId> ids) {
    List<MemoryId> distinct = List.copyOf(new LinkedHashSet<>(ids));
    Map<MemoryId, Memory> found = new HashMap<>();
    for (int from = 0; from < distinct.size(); from += IDS_PER_QUERY) {
      List<MemoryId> chunk =
          distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_QUERY));
      Object[] params = new Object[chunk.size() + 1];
      params[0] = namespace.value();
      for (int i = 0; i < chunk.size(); i++) {
        params[i + 1] = chunk.get(i).value();
      }
      String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
      for (Memory m :
          tx.sql()
              .list(
                  "SELECT "
                      + MemoryRows.COLUMNS
                      + " FROM memories m WHERE m.namespace = ?"
                      + " AND m.id IN ("
                      + marks
                      + ")"
                      + tx.lock(),
                  rows::read,
                  params)) {
        found.put(m.id(), m);
      }
    }
    return found;
  }

  @Override
  public Optional<Memory> findByKey(Namespace namespace, MemoryKey key) {
    return tx.sql()
        .first(
            "SELECT "
                + MemoryRows.COLUMNS
                + " FROM memories m WHERE m.namespace = ? AND m.client_key = ?"
                + " ORDER BY m.id DESC LIMIT 1"
                + tx.lock(),
            rows::read,
            namespace.value(),
            key.value());
  }

  @Override
  public Optional<Namespace> ownerOf(MemoryId id) {
    return tx.sql()
        .first(
            "SELECT namespace FROM memories WHERE id = ?",
            rs -> NameCache.namespace(rs.getString(1)),
            id.value());
  }

  @Override
  public boolean delete(Namespace namespace, MemoryId id) {
    SqlConnection sql = tx.writing();
    if (sql.update(
            "DELETE FROM memories WHERE id = ? AND namespace = ?", id.value(), namespace.value())
        == 0) {
      return false;
    }
    dialect.unindexed(sql, id.value());
    return true;
  }

  @Override
  public void deleteAll(Namespace namespace) {
    SqlConnection sql = tx.writing();
    dialect.unindexedAll(sql, namespace);
    sql.update("DELETE FROM memories WHERE namespace = ?", namespace.value());
  }

  @Override
  public long count(Namespace namespace) {
    return tx.sql().number("SELECT count(*) FROM memories WHERE namespace = ?", namespace.value());
  }

  @Override
  public List<Memory> list(
      Namespace namespace, MemoryFilter filter, Optional<MemoryId> before, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT " + MemoryRows.COLUMNS + " FROM memories m WHERE m.namespace = ?");
    List<Object> params = new ArrayList<>();
    params.add(namespace.value());
    if (before.isPresent()) {
      sql.append(" AND m.id < ?");
      params.add(before.get().value());
    }
    rows.appendFilter(sql, params, filter);
    sql.append(" ORDER BY m.id DESC LIMIT ?");
    params.add(limit);
    return tx.sql().list(sql.toString(), rows::read, params.toArray());
  }

  @Override
  public List<SearchHit> search(
      Namespace namespace, SearchQuery query, MemoryFilter filter, int limit) {
    return dialect.search(tx, rows, namespace, query, filter, limit);
  }
}
