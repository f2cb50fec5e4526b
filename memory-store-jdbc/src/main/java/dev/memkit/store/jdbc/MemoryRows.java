package dev.memkit.store.jdbc;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.Tag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How memories are selected, filtered and read back from table {@code memories} (alias {@code m}):
 * the columns {@link #COLUMNS}, a filter's conditions, a row as a {@link Memory}. A dialect's
 * search builds on it.
 */
public final class MemoryRows {
  /** The columns a memory is read from, in the order {@link #read} expects them. */
  public static final String COLUMNS =
      "m.id, m.namespace, m.text, m.tags, m.kind, m.metadata, m.occurred_at,"
          + " m.client_key, m.created_at, m.updated_at";

  /** How many columns {@link #COLUMNS} holds: a search's own columns follow. */
  public static final int COLUMN_COUNT = 10;

  /** Empty metadata as it is kept. */
  static final String EMPTY_OBJECT = "{}";

  private final JdbcDialect dialect;

  MemoryRows(JdbcDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Appends {@code filter}'s conditions on alias {@code m}: every tag, the kind, the time range.
   */
  public void appendFilter(StringBuilder sql, List<Object> params, MemoryFilter filter) {
    if (!filter.tags().isEmpty()) {
      Set<String> tags = new LinkedHashSet<>();
      filter.tags().forEach(t -> tags.add(t.normalized()));
      dialect.appendTagFilter(sql, params, tags);
    }
    if (filter.kind().isPresent()) {
      sql.append(" AND m.kind = ?");
      params.add(filter.kind().get().value());
    }
    boolean rowValues = dialect.comparesRowValues();
    filter
        .range()
        .from()
        .ifPresent(
            f ->
                TimeColumns.appendBound(
                    sql, params, "m.effective_s", "m.effective_n", f, true, rowValues));
    filter
        .range()
        .to()
        .ifPresent(
            t ->
                TimeColumns.appendBound(
                    sql, params, "m.effective_s", "m.effective_n", t, false, rowValues));
  }

  /**
   * The memory in columns 1..{@value #COLUMN_COUNT} of {@code rs}, as selected by {@link #COLUMNS}.
   */
  public Memory read(ResultSet rs) throws SQLException {
    String tagText = rs.getString(4);
    List<Tag> tags = new ArrayList<>();
    if (!tagText.isEmpty()) {
      for (String t : tagText.split(" ")) {
        tags.add(NameCache.tag(t));
      }
    }
    String metadataText = rs.getString(6);
    JsonValue.JsonObject metadata =
        EMPTY_OBJECT.equals(metadataText)
            ? JsonValue.emptyObject()
            : (JsonValue.JsonObject) dialect.parseJson(metadataText, "metadata");
    String key = rs.getString(8);
    return new Memory(
        MemoryId.of(rs.getLong(1)),
        NameCache.namespace(rs.getString(2)),
        rs.getString(3),
        tags,
        NameCache.kind(rs.getString(5)),
        metadata,
        TimeColumns.parseOptional(rs.getString(7)),
        key == null ? Optional.empty() : Optional.of(MemoryKey.of(key)),
        TimeColumns.parse(rs.getString(9)),
        TimeColumns.parse(rs.getString(10)));
  }
}
