package dev.memkit.http;

/** Descriptions shared by many operations of the OpenAPI document. */
final class OpenApiDescriptions {
  static final String NAMESPACE = "Namespace to act on (default: the API key's default namespace)";
  static final String IF_MATCH =
      "Compare-and-set: the version the entry must have, in quotes as its ETag (\"0\": must not exist yet)";
  static final String CURSOR = "The next_cursor of the previous page";
  static final String LIMIT = "Page size, 1..100 (default 10)";
  static final String MODE =
      "hybrid, keyword or semantic (default: hybrid once the embedding model is ready, else keyword)";
  static final String TAG = "Only memories with this tag (repeat for several: all must match)";
  static final String KIND =
      "Only memories of this kind, e.g. note, event, fact, decision, snapshot";
  static final String FROM = "Only from this time on (ISO-8601, inclusive)";
  static final String TO = "Only before this time (ISO-8601, exclusive)";

  private OpenApiDescriptions() {}
}
