package dev.memkit.store.postgres;

import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.search.Analyzer;
import dev.memkit.core.search.SearchQuery;
import dev.memkit.store.jdbc.JdbcTransaction;
import dev.memkit.store.jdbc.MemoryRows;
import dev.memkit.store.jdbc.SqlConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * Search of the memory log with {@code tsvector}. Column {@code search_text} of table {@code
 * memories} holds the words of text and tags as the core splits them (lower case, diacritics
 * removed); the stored generated column {@code search} is its {@code tsvector} under the text
 * search configuration {@code memkit_search} (the configured language's snowball stemmer, no stop
 * words), with a GIN index.
 */
final class TsvectorSearch {
  private TsvectorSearch() {}

  /**
   * The words search looks at: those of the text and the tags, split and folded as the core does.
   */
  static String searchText(String text, List<String> tags) {
    List<String> words = new ArrayList<>(Analyzer.words(text));
    for (String t : tags) {
      words.addAll(Analyzer.words(t));
    }
    return String.join(" ", words);
  }

  /**
   * Ranks in SQL. The query's words (the core's: split, folded, stop words dropped) are bound as
   * one text array and each becomes a {@code tsquery} through {@code plainto_tsquery}, which only
   * analyses text and never reads operators, so quotes, {@code OR}, {@code *} or brackets in a
   * query are data. Words that stem alike give the same {@code tsquery} and count once. A row
   * matches when it holds any term (the terms OR-ed by the aggregate {@code tsquery_any}, which the
   * GIN index answers); rows are ordered by how many distinct terms they hold, then by {@code
   * ts_rank_cd} against the OR of the terms, then newest first.
   */
  static List<SearchHit> search(
      JdbcTransaction tx,
      MemoryRows rows,
      Namespace namespace,
      SearchQuery query,
      MemoryFilter filter,
      int limit) {
    // a NUL cannot travel in PostgreSQL text; the core's analyser never leaves one, this is for
    // other callers
    List<String> words =
        query.words().stream()
            .map(w -> w.replace("\u0000", " "))
            .filter(w -> !w.isBlank())
            .toList();
    if (words.isEmpty() || limit < 1) {
      return List.of();
    }
    StringBuilder inner =
        new StringBuilder(
            "SELECT m.id, (SELECT count(*) FROM terms WHERE m.search @@ terms.t)::int AS matched,"
                + " ts_rank_cd(m.search, q.any_term)::float8 AS score FROM memories m CROSS JOIN q"
                + " WHERE m.search @@ q.any_term AND m.namespace = ?");
    List<Object> params = new ArrayList<>();
    params.add(new SqlConnection.TextArray(words));
    params.add(namespace.value());
    rows.appendFilter(inner, params, filter);
    inner.append(" ORDER BY matched DESC, score DESC, m.id DESC LIMIT ?");
    params.add(limit);
    String sql =
        "WITH terms AS (SELECT DISTINCT t FROM (SELECT plainto_tsquery('memkit_search'::regconfig, w) AS t"
            + " FROM unnest(?::text[]) AS w) words WHERE numnode(t) > 0),"
            + " q AS MATERIALIZED (SELECT tsquery_any(t) AS any_term FROM terms)"
            + " SELECT "
            + MemoryRows.COLUMNS
            + ", h.score, h.matched FROM ("
            + inner
            + ") h JOIN memories m ON m.id = h.id"
            + " ORDER BY h.matched DESC, h.score DESC, h.id DESC";
    return tx.sql()
        .list(
            sql,
            rs ->
                new SearchHit(
                    rows.read(rs),
                    rs.getDouble(MemoryRows.COLUMN_COUNT + 1),
                    rs.getInt(MemoryRows.COLUMN_COUNT + 2)),
            params.toArray());
  }
}
