package dev.memkit.store.postgres;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.Tag;
import dev.memkit.core.port.out.MemoryRecords;
import dev.memkit.core.search.Analyzer;
import dev.memkit.core.search.SearchQuery;
import dev.memkit.jackson.JsonText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Memories in table {@code memories}. Tags are kept as written (space-separated, as tags hold no
 * spaces) and, lower-cased, in the array {@code tag_keys} for filtering. {@code search_text} holds
 * the words of text and tags as the core splits them (lower case, diacritics removed); the stored
 * generated column {@code search} is its {@code tsvector} under the text search configuration
 * {@code memkit_search} (the configured language's snowball stemmer, no stop words), with a GIN
 * index. Ids come from the sequence {@code memory_ids}; a client key is unique per namespace.
 */
final class MemoryTable implements MemoryRecords {
  static final String COLUMNS = "m.id, m.namespace, m.text, m.tags, m.kind, m.metadata, m.occurred_at, m.client_key,"
      + " m.created_at, m.updated_at";
  private static final String EMPTY_OBJECT = "{}";
  private final PgTransaction tx;
  private final Sequence ids;

  MemoryTable(PgTransaction tx) {
    this.tx = tx;
    this.ids = new Sequence(tx, "memory_ids");
  }

  @Override
  public MemoryId nextId() {
    return MemoryId.of(ids.next());
  }

  @Override
  public void put(Memory m) {
    Pg pg = tx.writing();
    long id = m.id().value();
    String metadata = m.metadata().members().isEmpty() ? EMPTY_OBJECT : JsonText.write(m.metadata());
    List<String> tags = m.tags().stream().map(Tag::value).toList();
    Set<String> tagKeys = new LinkedHashSet<>();
    m.tags().forEach(t -> tagKeys.add(t.normalized()));
    pg.update("INSERT INTO memories (id, namespace, text, tags, kind, metadata, occurred_at, client_key, created_at,"
        + " updated_at, effective_s, effective_n, tag_keys, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (id) DO UPDATE SET namespace = excluded.namespace, text = excluded.text, tags = excluded.tags,"
        + " kind = excluded.kind, metadata = excluded.metadata, occurred_at = excluded.occurred_at,"
        + " client_key = excluded.client_key, created_at = excluded.created_at, updated_at = excluded.updated_at,"
        + " effective_s = excluded.effective_s, effective_n = excluded.effective_n, tag_keys = excluded.tag_keys,"
        + " search_text = excluded.search_text",
        id, m.namespace().value(), m.text(), String.join(" ", tags), m.kind().value(), metadata,
        Times.text(m.occurredAt()), m.key().map(MemoryKey::value).orElse(null), Times.text(m.createdAt()),
        Times.text(m.updatedAt()), m.effectiveTime().getEpochSecond(), m.effectiveTime().getNano(),
        new Pg.TextArray(List.copyOf(tagKeys)), searchText(m.text(), tags));
    ids.movePast(id);
  }

  /** The words search looks at: those of the text and the tags, split and folded as the core does. */
  static String searchText(String text, List<String> tags) {
    List<String> words = new ArrayList<>(Analyzer.words(text));
    for (String t : tags) {
      words.addAll(Analyzer.words(t));
    }
    return String.join(" ", words);
  }

  @Override
  public Optional<Memory> find(Namespace namespace, MemoryId id) {
    return tx.pg().first("SELECT " + COLUMNS + " FROM memories m WHERE m.id = ? AND m.namespace = ?" + tx.lock(),
        MemoryTable::memory, id.value(), namespace.value());
  }

  @Override
  public Optional<Memory> findByKey(Namespace namespace, MemoryKey key) {
    return tx.pg().first("SELECT " + COLUMNS + " FROM memories m WHERE m.namespace = ? AND m.client_key = ?" + tx.lock(),
        MemoryTable::memory, namespace.value(), key.value());
  }

  @Override
  public Optional<Namespace> ownerOf(MemoryId id) {
    return tx.pg().first("SELECT namespace FROM memories WHERE id = ?", rs -> Namespace.of(rs.getString(1)), id.value());
  }

  @Override
  public boolean delete(Namespace namespace, MemoryId id) {
    return tx.writing().update("DELETE FROM memories WHERE id = ? AND namespace = ?", id.value(), namespace.value()) > 0;
  }

  @Override
  public void deleteAll(Namespace namespace) {
    tx.writing().update("DELETE FROM memories WHERE namespace = ?", namespace.value());
  }

  @Override
  public long count(Namespace namespace) {
    return tx.pg().number("SELECT count(*) FROM memories WHERE namespace = ?", namespace.value());
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
    return tx.pg().list(sql.toString(), MemoryTable::memory, params.toArray());
  }

  /**
   * Ranks in SQL. The query's words (the core's: split, folded, stop words dropped) are bound as
   * one text array and each becomes a {@code tsquery} through {@code plainto_tsquery}, which only
   * analyses text and never reads operators, so quotes, {@code OR}, {@code *} or brackets in a
   * query are data. Words that stem alike give the same {@code tsquery} and count once. A row
   * matches when it holds any term (the terms OR-ed by the aggregate {@code tsquery_any}, which the
   * GIN index answers); rows are ordered by how many distinct terms they hold, then by
   * {@code ts_rank_cd} against the OR of the terms, then newest first.
   */
  @Override
  public List<SearchHit> search(Namespace namespace, SearchQuery query, MemoryFilter filter, int limit) {
    // a NUL cannot travel in PostgreSQL text; the core's analyser never leaves one, this is for other callers
    List<String> words = query.words().stream().map(w -> w.replace("\u0000", " ")).filter(w -> !w.isBlank()).toList();
    if (words.isEmpty() || limit < 1) {
      return List.of();
    }
    StringBuilder inner = new StringBuilder(
        "SELECT m.id, (SELECT count(*) FROM terms WHERE m.search @@ terms.t)::int AS matched,"
            + " ts_rank_cd(m.search, q.any_term)::float8 AS score FROM memories m CROSS JOIN q"
            + " WHERE m.search @@ q.any_term AND m.namespace = ?");
    List<Object> params = new ArrayList<>();
    params.add(new Pg.TextArray(words));
    params.add(namespace.value());
    appendFilter(inner, params, filter);
    inner.append(" ORDER BY matched DESC, score DESC, m.id DESC LIMIT ?");
    params.add(limit);
    String sql = "WITH terms AS (SELECT DISTINCT t FROM (SELECT plainto_tsquery('memkit_search'::regconfig, w) AS t"
        + " FROM unnest(?::text[]) AS w) words WHERE numnode(t) > 0),"
        + " q AS MATERIALIZED (SELECT tsquery_any(t) AS any_term FROM terms)"
        + " SELECT " + COLUMNS + ", h.score, h.matched FROM (" + inner + ") h JOIN memories m ON m.id = h.id"
        + " ORDER BY h.matched DESC, h.score DESC, h.id DESC";
    return tx.pg().list(sql, rs -> new SearchHit(memory(rs), rs.getDouble(11), rs.getInt(12)), params.toArray());
  }

  /** Appends {@code filter}'s conditions on alias {@code m}: every tag, the kind, the time range. */
  static void appendFilter(StringBuilder sql, List<Object> params, MemoryFilter filter) {
    if (!filter.tags().isEmpty()) {
      Set<String> tags = new LinkedHashSet<>();
      filter.tags().forEach(t -> tags.add(t.normalized()));
      sql.append(" AND m.tag_keys @> ?::text[]");
      params.add(new Pg.TextArray(List.copyOf(tags)));
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
        tags.add(Tag.of(t));
      }
    }
    String metadataText = rs.getString(6);
    JsonValue.JsonObject metadata = EMPTY_OBJECT.equals(metadataText) ? JsonValue.emptyObject()
        : (JsonValue.JsonObject) JsonText.parse(metadataText, "metadata");
    String key = rs.getString(8);
    return new Memory(MemoryId.of(rs.getLong(1)), Namespace.of(rs.getString(2)), rs.getString(3), tags,
        Kind.of(rs.getString(5)), metadata, Times.parseOptional(rs.getString(7)),
        key == null ? Optional.empty() : Optional.of(MemoryKey.of(key)), Times.parse(rs.getString(9)),
        Times.parse(rs.getString(10)));
  }
}
