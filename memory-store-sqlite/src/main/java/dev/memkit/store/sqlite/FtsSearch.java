package dev.memkit.store.sqlite;

import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.search.SearchQuery;
import dev.memkit.store.jdbc.JdbcTransaction;
import dev.memkit.store.jdbc.MemoryRows;
import java.util.ArrayList;
import java.util.List;

/**
 * Search of the memory log with the FTS5 index {@code memories_fts} over text and tags, which
 * triggers keep in step with table {@code memories} inside the same transaction.
 */
final class FtsSearch {
  private FtsSearch() {}

  /**
   * Ranks in SQL, in two steps. First only rows with every term: FTS5 intersects the terms' lists,
   * which is cheap, and with common words on a large store this often fills the page. When it does
   * not, every row with that many terms is on it, and the rest of the page comes from rows with any
   * term, the ones already found left out, each row's distinct terms counted (for two terms there
   * is nothing to count: the rest hold one). BM25 is FTS5's {@code bm25()}, which for the same row
   * is the same in both steps (the same phrases), negated so that higher is better.
   */
  static List<SearchHit> search(
      JdbcTransaction tx,
      MemoryRows rows,
      Namespace namespace,
      SearchQuery query,
      MemoryFilter filter,
      int limit) {
    FtsQuery fts = FtsQuery.of(query);
    if (fts.isEmpty() || limit < 1) {
      return List.of();
    }
    if (fts.size() == 1) {
      return rank(tx, rows, namespace, fts.anyTerm(), null, 1, filter, limit, List.of());
    }
    List<SearchHit> hits =
        new ArrayList<>(
            rank(tx, rows, namespace, fts.everyTerm(), null, fts.size(), filter, limit, List.of()));
    if (hits.size() >= limit) {
      return hits;
    }
    List<Long> found = hits.stream().map(h -> h.memory().id().value()).toList();
    hits.addAll(
        rank(
            tx,
            rows,
            namespace,
            fts.anyTerm(),
            fts.size() > 2 ? fts : null,
            1,
            filter,
            limit - hits.size(),
            found));
    return hits;
  }

  /**
   * The best {@code limit} rows of {@code namespace} matching {@code match}, leaving out the ids
   * {@code excluded}. With {@code counted}, each row's matched terms are counted and rank first;
   * without, every row counts {@code matched}.
   */
  private static List<SearchHit> rank(
      JdbcTransaction tx,
      MemoryRows rows,
      Namespace namespace,
      String match,
      FtsQuery counted,
      int matched,
      MemoryFilter filter,
      int limit,
      List<Long> excluded) {
    StringBuilder inner =
        new StringBuilder("SELECT memories_fts.rowid AS id, bm25(memories_fts) AS score, ");
    List<Object> params = new ArrayList<>();
    if (counted == null) {
      inner.append("? AS matched");
      params.add(matched);
    } else {
      String sep = "";
      for (String phrase : counted.phrases()) {
        inner
            .append(sep)
            .append(
                "(memories_fts.rowid IN (SELECT rowid FROM memories_fts WHERE memories_fts MATCH ?))");
        params.add(phrase);
        sep = " + ";
      }
      inner.append(" AS matched");
    }
    if (isEmpty(filter) && holdsOnly(tx, namespace)) {
      // every indexed row is this namespace's and nothing is filtered: FTS5 alone answers
      inner.append(" FROM memories_fts WHERE memories_fts MATCH ?");
      params.add(match);
    } else {
      inner.append(
          " FROM memories_fts CROSS JOIN memories m ON m.id = memories_fts.rowid"
              + " WHERE memories_fts MATCH ? AND m.namespace = ?");
      params.add(match);
      params.add(namespace.value());
      rows.appendFilter(inner, params, filter);
    }
    if (!excluded.isEmpty()) {
      inner.append(" AND memories_fts.rowid NOT IN (SELECT value FROM json_each(?))");
      params.add(excluded.toString());
    }
    inner.append(" ORDER BY matched DESC, score, id DESC LIMIT ?");
    params.add(limit);
    String sql =
        "SELECT "
            + MemoryRows.COLUMNS
            + ", h.score, h.matched FROM ("
            + inner
            + ") h CROSS JOIN memories m ON m.id = h.id"
            + " ORDER BY h.matched DESC, h.score, h.id DESC";
    return tx.sql()
        .list(
            sql,
            rs ->
                new SearchHit(
                    rows.read(rs),
                    -rs.getDouble(MemoryRows.COLUMN_COUNT + 1),
                    rs.getInt(MemoryRows.COLUMN_COUNT + 2)),
            params.toArray());
  }

  private static boolean isEmpty(MemoryFilter filter) {
    return filter.tags().isEmpty()
        && filter.kind().isEmpty()
        && filter.range().from().isEmpty()
        && filter.range().to().isEmpty();
  }

  /**
   * Whether every memory of the store belongs to {@code namespace}: two seeks in the namespace
   * index.
   */
  private static boolean holdsOnly(JdbcTransaction tx, Namespace namespace) {
    return tx.sql()
            .number(
                "SELECT (SELECT namespace FROM memories ORDER BY namespace LIMIT 1) = ?1"
                    + " AND (SELECT namespace FROM memories ORDER BY namespace DESC LIMIT 1) = ?1",
                namespace.value())
        == 1;
  }
}
