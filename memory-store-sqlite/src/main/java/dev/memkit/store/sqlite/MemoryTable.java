package dev.memkit.store.sqlite;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.out.MemoryRecords;
import dev.memkit.core.search.SearchQuery;
import dev.memkit.jackson.JsonText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Memories in table {@code memories}: tags kept as written (space-separated, as tags hold no
 * spaces) and, lower-cased, in {@code memory_tags} for filtering; the FTS5 index
 * {@code memories_fts} over text and tags is kept in step by triggers, inside the same transaction.
 */
final class MemoryTable implements MemoryRecords {
  static final String COLUMNS = "m.id, m.namespace, m.text, m.tags, m.kind, m.metadata, m.occurred_at, m.client_key,"
      + " m.created_at, m.updated_at";
  private static final String EMPTY_OBJECT = "{}";
  private final SqlTransaction tx;

  MemoryTable(SqlTransaction tx) {
    this.tx = tx;
  }

  @Override
  public MemoryId nextId() {
    Db db = tx.writing();
    return MemoryId.of(db.number("UPDATE sequences SET value = value + 1 WHERE name = 'memory' RETURNING value"));
  }

  @Override
  public void put(Memory m) {
    Db db = tx.writing();
    long id = m.id().value();
    String metadata = m.metadata().members().isEmpty() ? EMPTY_OBJECT : JsonText.write(m.metadata());
    db.update("INSERT INTO memories (id, namespace, text, tags, kind, metadata, occurred_at, client_key, created_at,"
        + " updated_at, effective_s, effective_n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (id) DO UPDATE SET namespace = excluded.namespace, text = excluded.text, tags = excluded.tags,"
        + " kind = excluded.kind, metadata = excluded.metadata, occurred_at = excluded.occurred_at,"
        + " client_key = excluded.client_key, created_at = excluded.created_at, updated_at = excluded.updated_at,"
        + " effective_s = excluded.effective_s, effective_n = excluded.effective_n",
        id, m.namespace().value(), m.text(), String.join(" ", m.tags().stream().map(Tag::value).toList()), m.kind().value(), metadata,
        Times.text(m.occurredAt()), m.key().map(MemoryKey::value).orElse(null), Times.text(m.createdAt()),
        Times.text(m.updatedAt()), m.effectiveTime().getEpochSecond(), (long) m.effectiveTime().getNano());
    db.update("DELETE FROM memory_tags WHERE memory_id = ?", id);
    for (Tag t : m.tags()) {
      db.update("INSERT INTO memory_tags (memory_id, tag) VALUES (?, ?)", id, t.normalized());
    }
    db.update("UPDATE sequences SET value = ? WHERE name = 'memory' AND value < ?", id, id);
  }

  @Override
  public Optional<Memory> find(Namespace namespace, MemoryId id) {
    return tx.db().first("SELECT " + COLUMNS + " FROM memories m WHERE m.id = ? AND m.namespace = ?",
        MemoryTable::memory, id.value(), namespace.value());
  }

  @Override
  public Optional<Memory> findByKey(Namespace namespace, MemoryKey key) {
    return tx.db().first("SELECT " + COLUMNS + " FROM memories m WHERE m.namespace = ? AND m.client_key = ?"
        + " ORDER BY m.id DESC LIMIT 1", MemoryTable::memory, namespace.value(), key.value());
  }

  @Override
  public Optional<Namespace> ownerOf(MemoryId id) {
    return tx.db().first("SELECT namespace FROM memories WHERE id = ?", rs -> Namespace.of(rs.getString(1)), id.value());
  }

  @Override
  public boolean delete(Namespace namespace, MemoryId id) {
    Db db = tx.writing();
    if (db.update("DELETE FROM memories WHERE id = ? AND namespace = ?", id.value(), namespace.value()) == 0) {
      return false;
    }
    db.update("DELETE FROM memory_tags WHERE memory_id = ?", id.value());
    return true;
  }

  @Override
  public void deleteAll(Namespace namespace) {
    Db db = tx.writing();
    db.update("DELETE FROM memory_tags WHERE memory_id IN (SELECT id FROM memories WHERE namespace = ?)", namespace.value());
    db.update("DELETE FROM memories WHERE namespace = ?", namespace.value());
  }

  @Override
  public long count(Namespace namespace) {
    return tx.db().number("SELECT count(*) FROM memories WHERE namespace = ?", namespace.value());
  }

  @Override
  public List<Memory> list(Namespace namespace, MemoryFilter filter, Optional<MemoryId> before, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM memories m WHERE m.namespace = ?");
    List<Object> params = new ArrayList<>();
    params.add(namespace.value());
    if (before.isPresent()) {
      sql.append(" AND m.id < ?");
      params.add(before.get().value());
    }
    appendFilter(sql, params, filter);
    sql.append(" ORDER BY m.id DESC LIMIT ?");
    params.add(limit);
    return tx.db().list(sql.toString(), MemoryTable::memory, params.toArray());
  }

  /**
   * Ranks in SQL, in two steps. First only rows with every term: FTS5 intersects the terms' lists,
   * which is cheap, and with common words on a large store this often fills the page. When it does
   * not, every row with that many terms is on it, and the rest of the page comes from rows with
   * any term, the ones already found left out, each row's distinct terms counted (for two terms
   * there is nothing to count: the rest hold one). BM25 is FTS5's {@code bm25()}, which for the
   * same row is the same in both steps (the same phrases), negated so that higher is better.
   */
  @Override
  public List<SearchHit> search(Namespace namespace, SearchQuery query, MemoryFilter filter, int limit) {
    FtsQuery fts = FtsQuery.of(query);
    if (fts.isEmpty() || limit < 1) {
      return List.of();
    }
    if (fts.size() == 1) {
      return rank(namespace, fts.anyTerm(), null, 1, filter, limit, List.of());
    }
    List<SearchHit> hits = new ArrayList<>(rank(namespace, fts.everyTerm(), null, fts.size(), filter, limit, List.of()));
    if (hits.size() >= limit) {
      return hits;
    }
    List<Long> found = hits.stream().map(h -> h.memory().id().value()).toList();
    hits.addAll(rank(namespace, fts.anyTerm(), fts.size() > 2 ? fts : null, 1, filter, limit - hits.size(), found));
    return hits;
  }

  /**
   * The best {@code limit} rows of {@code namespace} matching {@code match}, leaving out the ids
   * {@code excluded}. With {@code counted}, each row's matched terms are counted and rank first;
   * without, every row counts {@code matched}.
   */
  private List<SearchHit> rank(Namespace namespace, String match, FtsQuery counted, int matched, MemoryFilter filter,
      int limit, List<Long> excluded) {
    StringBuilder inner = new StringBuilder("SELECT memories_fts.rowid AS id, bm25(memories_fts) AS score, ");
    List<Object> params = new ArrayList<>();
    if (counted == null) {
      inner.append("? AS matched");
      params.add(matched);
    } else {
      String sep = "";
      for (String phrase : counted.phrases()) {
        inner.append(sep).append("(memories_fts.rowid IN (SELECT rowid FROM memories_fts WHERE memories_fts MATCH ?))");
        params.add(phrase);
        sep = " + ";
      }
      inner.append(" AS matched");
    }
    if (isEmpty(filter) && holdsOnly(namespace)) {
      // every indexed row is this namespace's and nothing is filtered: FTS5 alone answers
      inner.append(" FROM memories_fts WHERE memories_fts MATCH ?");
      params.add(match);
    } else {
      inner.append(" FROM memories_fts CROSS JOIN memories m ON m.id = memories_fts.rowid"
          + " WHERE memories_fts MATCH ? AND m.namespace = ?");
      params.add(match);
      params.add(namespace.value());
      appendFilter(inner, params, filter);
    }
    if (!excluded.isEmpty()) {
      inner.append(" AND memories_fts.rowid NOT IN (SELECT value FROM json_each(?))");
      params.add(excluded.toString());
    }
    inner.append(" ORDER BY matched DESC, score, id DESC LIMIT ?");
    params.add(limit);
    String sql = "SELECT " + COLUMNS + ", h.score, h.matched FROM (" + inner + ") h CROSS JOIN memories m ON m.id = h.id"
        + " ORDER BY h.matched DESC, h.score, h.id DESC";
    return tx.db().list(sql, rs -> new SearchHit(memory(rs), -rs.getDouble(11), rs.getInt(12)), params.toArray());
  }

  private static boolean isEmpty(MemoryFilter filter) {
    return filter.tags().isEmpty() && filter.kind().isEmpty() && filter.range().from().isEmpty()
        && filter.range().to().isEmpty();
  }

  /** Whether every memory of the store belongs to {@code namespace}: two seeks in the namespace index. */
  private boolean holdsOnly(Namespace namespace) {
    return tx.db().number("SELECT (SELECT namespace FROM memories ORDER BY namespace LIMIT 1) = ?1"
        + " AND (SELECT namespace FROM memories ORDER BY namespace DESC LIMIT 1) = ?1", namespace.value()) == 1;
  }

  /** Appends {@code filter}'s conditions on alias {@code m}: every tag, the kind, the time range. */
  static void appendFilter(StringBuilder sql, List<Object> params, MemoryFilter filter) {
    Set<String> tags = new HashSet<>();
    for (Tag t : filter.tags()) {
      if (tags.add(t.normalized())) {
        sql.append(" AND EXISTS (SELECT 1 FROM memory_tags t WHERE t.memory_id = m.id AND t.tag = ?)");
        params.add(t.normalized());
      }
    }
    if (filter.kind().isPresent()) {
      sql.append(" AND m.kind = ?");
      params.add(filter.kind().get().value());
    }
    filter.range().from().ifPresent(f -> Times.appendBound(sql, params, "m.effective_s", "m.effective_n", f, true));
    filter.range().to().ifPresent(t -> Times.appendBound(sql, params, "m.effective_s", "m.effective_n", t, false));
  }

  /** The memory in columns 1..10 of {@code rs}, as selected by {@link #COLUMNS}. */
  static Memory memory(ResultSet rs) throws SQLException {
    String tagText = rs.getString(4);
    List<Tag> tags = new ArrayList<>();
    if (!tagText.isEmpty()) {
      for (String t : tagText.split(" ")) {
        tags.add(Names.tag(t));
      }
    }
    String metadataText = rs.getString(6);
    JsonValue.JsonObject metadata = EMPTY_OBJECT.equals(metadataText) ? JsonValue.emptyObject()
        : (JsonValue.JsonObject) JsonText.parse(metadataText, "metadata");
    String key = rs.getString(8);
    return new Memory(MemoryId.of(rs.getLong(1)), Names.namespace(rs.getString(2)), rs.getString(3), tags,
        Names.kind(rs.getString(5)), metadata, Times.parseOptional(rs.getString(7)),
        key == null ? Optional.empty() : Optional.of(MemoryKey.of(key)), Times.parse(rs.getString(9)),
        Times.parse(rs.getString(10)));
  }
}
