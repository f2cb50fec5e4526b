package dev.memkit.core.contract;

import java.util.List;

/**
 * Queries written to break a full-text engine's syntax or SQL — FTS5 operators, quotes, brackets,
 * injections, odd Unicode, huge inputs — shared by every store's hostile-query tests. To memkit
 * they are words: each gives results or nothing, never an error.
 */
public final class HostileQueries {
  private HostileQueries() {}

  /** The queries. */
  public static List<String> all() {
    return List.of(
        "deploy OR",
        "OR",
        "AND",
        "NOT",
        "deploy AND OR NOT",
        "NEAR(",
        "NEAR(deploy billing, 2)",
        "NEAR(\"deploy\" \"billing\")",
        "\"",
        "\"\"",
        "\"deploy",
        "deploy\"",
        "\"unbalanced \"quotes\" here",
        "(",
        ")",
        "((deploy)",
        "deploy)",
        "*",
        "deploy*",
        "*deploy",
        "^deploy",
        "^",
        "-deploy",
        "-",
        "--",
        "+deploy",
        "text:deploy",
        "tags:release",
        "{text tags}:deploy",
        "memories_fts:deploy",
        "rank:1",
        "rowid = 1",
        ":",
        "::",
        "'; DROP TABLE memories; --",
        "' OR 1=1 --",
        "%",
        "_",
        "\\",
        "\u0000",
        "deploy\u0000billing",
        "Café crème brûlée",
        "日本語のテキスト",
        "🚀🚀🚀",
        "\uD83D\uDE80 deploy",
        "ꟊ deploy",
        "x\u0301\u0301\u0301",
        "When did we deploy v1.2?",
        "v1.2 OR v1.3 AND NOT v2",
        "a".repeat(5000),
        "deploy ".repeat(1500),
        ("lorem ipsum dolor sit amet consectetur " + "\"(*^:-)").repeat(250),
        "the and of a",
        "   ",
        "?!.,;");
  }
}
