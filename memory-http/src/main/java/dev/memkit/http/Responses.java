package dev.memkit.http;

import dev.memkit.core.json.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The response bodies as the OpenAPI document describes them: one named schema per shape, so a
 * generated client gets typed results. The routes write their JSON with {@link JsonResponses} from
 * the core's records ({@code RecordJson}); these records only describe it (snake_case members), and
 * {@code OpenApiTypesTest} checks real answers against them.
 */
final class Responses {
  private Responses() {}

  /** {@code {"ok":true}}: the seed's acknowledgement. */
  @Schema(name = "Ok", description = "The change was made")
  record Ok(
      @Schema(
              description = "Always true",
              example = "true",
              requiredMode = Schema.RequiredMode.REQUIRED)
          boolean ok) {}

  /** {@code GET /health}. */
  @Schema(name = "Health", description = "The server is up, and how it searches right now")
  record Health(
      @Schema(
              description = "Always ok",
              example = "ok",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String status,
      @Schema(
              description =
                  "The mode a search that names none runs in now: keyword while the embedding model loads or "
                      + "without one",
              example = "hybrid",
              allowableValues = {"hybrid", "keyword", "semantic"},
              requiredMode = Schema.RequiredMode.REQUIRED)
          String search,
      @Schema(
              description = "The embedding model's state",
              example = "ready",
              allowableValues = {"absent", "loading", "ready", "failed"},
              requiredMode = Schema.RequiredMode.REQUIRED)
          String embedder) {}

  /** {@code GET /ready}. */
  @Schema(name = "Ready", description = "Whether a write would succeed now")
  record Ready(
      @Schema(
              description = "ready, or not ready (with 503)",
              example = "ready",
              allowableValues = {"ready", "not ready"},
              requiredMode = Schema.RequiredMode.REQUIRED)
          String status,
      @Schema(
              description = "The store's state",
              example = "writable",
              allowableValues = {"writable", "read-only", "unavailable"},
              requiredMode = Schema.RequiredMode.REQUIRED)
          String store,
      @Schema(
              description = "Why writes cannot succeed, when they cannot",
              example = "the disk is full")
          String detail) {}

  /** {@code GET /version}. */
  @Schema(name = "Version", description = "memkit's version")
  record Version(
      @Schema(
              description = "The version",
              example = "0.1.0",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String version) {}

  /** {@code GET /state/get}. */
  @Schema(
      name = "SeedStateValue",
      description = "A state variable's value, null when it is not set")
  record SeedStateValue(
      @Schema(
              description = "Any JSON value, or null",
              example = "testing",
              nullable = true,
              requiredMode = Schema.RequiredMode.REQUIRED)
          JsonValue value) {}

  /** One result of {@code GET /memory/search}. */
  @Schema(name = "SeedSearchHit", description = "A memory entry found by a search")
  record SeedSearchHit(
      @Schema(
              description = "The entry's id",
              example = "1",
              requiredMode = Schema.RequiredMode.REQUIRED)
          long id,
      @Schema(
              description = "What happened",
              example = "Deployed v1.2",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String event,
      @Schema(
              description = "The tags, joined by commas",
              example = "deploy,v1.2",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String tags) {}

  /** {@code POST /goals/add}. */
  @Schema(name = "SeedGoal", description = "The goal as added")
  record SeedGoal(
      @Schema(
              description = "The goal's id",
              example = "1",
              requiredMode = Schema.RequiredMode.REQUIRED)
          long id,
      @Schema(
              description = "The goal's title",
              example = "Launch MVP",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String goal,
      @Schema(
              description = "new, in_progress, blocked, done or abandoned",
              example = "new",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String status) {}

  /** {@code GET /context/export}. */
  @Schema(name = "SeedContext", description = "A context block to prepend to a prompt")
  record SeedContext(
      @Schema(
              description = "The block: # State, # Goals, # Recent Memory sections",
              example =
                  "# State:\n- current_phase: testing\n\n# Goals:\n- [in_progress] (1) Launch MVP\n\n# Recent Memory:\n- Deployed v1.2 (deploy,v1.2)",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String promptBlock) {}

  /** A state entry. */
  @Schema(name = "StateEntry", description = "A named JSON value with its version")
  record StateEntry(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "default") String namespace,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "current_phase") String key,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Any JSON value")
          JsonValue value,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              description = "Starts at 1, one more per change; the ETag",
              example = "3")
          long version,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time")
          String updatedAt) {}

  /** {@code GET /v1/state}. */
  @Schema(name = "StateEntryList", description = "State entries in key order")
  record StateEntryList(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<StateEntry> items) {}

  /** A memory. */
  @Schema(name = "Memory", description = "An entry of the memory log")
  record Memory(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "42") long id,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "default") String namespace,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Deployed v1.2") String text,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "[\"deploy\",\"v1.2\"]")
          List<String> tags,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "event") String kind,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A JSON object")
          JsonValue metadata,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, format = "date-time")
          String occurredAt,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              nullable = true,
              description = "The client's idempotency key")
          String key,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") String createdAt,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time")
          String updatedAt) {}

  /** {@code GET /v1/memories}, {@code GET /v1/snapshots}. */
  @Schema(name = "MemoryPage", description = "A page of memories, newest first")
  record MemoryPage(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Memory> items,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              nullable = true,
              description = "Pass as cursor for the next page; null on the last")
          String nextCursor) {}

  /** One result of {@code GET /v1/memories/search}: a memory's members, with its score. */
  @Schema(
      name = "SearchHit",
      description = "A memory found by a search, with how well it matched",
      allOf = Memory.class)
  record SearchHit(
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              description =
                  "Relevance, higher is better: BM25 in keyword mode, the fused score in hybrid mode, cosine in semantic mode")
          double score,
      @Schema(
              name = "matched_terms",
              requiredMode = Schema.RequiredMode.REQUIRED,
              description = "How many of the query's words it contains")
          int matchedTerms,
      @Schema(
              name = "keyword_score",
              requiredMode = Schema.RequiredMode.REQUIRED,
              nullable = true,
              description =
                  "The keyword side's score (BM25), null when only the semantic side found it")
          Double keywordScore,
      @Schema(
              name = "semantic_score",
              requiredMode = Schema.RequiredMode.REQUIRED,
              nullable = true,
              description =
                  "The semantic side's cosine similarity, null when only the keyword side found it or without a model")
          Double semanticScore) {}

  /** {@code GET /v1/memories/search}. */
  @Schema(name = "SearchHitList", description = "Search results, best first")
  record SearchHitList(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<SearchHit> items) {}

  /** One step of a goal's timeline. */
  @Schema(name = "ProgressNote", description = "A status change or note on a goal")
  record ProgressNote(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") String at,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "new") String from,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "in_progress") String to,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              nullable = true,
              example = "Wired authentication")
          String note) {}

  /** A goal. */
  @Schema(name = "Goal", description = "A goal with its progress timeline")
  record Goal(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "1") long id,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "default") String namespace,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Launch MVP") String title,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              description = "new, in_progress, blocked, done or abandoned")
          String status,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, format = "date-time")
          String dueAt,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ProgressNote> progress,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") String createdAt,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time")
          String updatedAt) {}

  /** {@code GET /v1/goals}. */
  @Schema(name = "GoalList", description = "Goals")
  record GoalList(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Goal> items) {}

  /** {@code GET /v1/context}. */
  @Schema(name = "Context", description = "A context block under a token budget")
  record Context(
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              description = "The block to prepend to a prompt")
          String promptBlock,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Its exact token count")
          int tokens,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int maxTokens,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "o200k_base") String tokenizer,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Lines included")
          int included,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              description = "Lines left out for the budget")
          int omitted) {}

  /** An audit entry. */
  @Schema(name = "AuditEntry", description = "One change: who, what, before, after, and the diff")
  record AuditEntry(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long sequence,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") String at,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String namespace,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "key:assistant") String actor,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "state.set") String action,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "state/current_phase")
          String target,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true) JsonValue before,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true) JsonValue after,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A unified diff")
          String diff) {}

  /** {@code GET /v1/audit}. */
  @Schema(name = "AuditPage", description = "A page of audit entries, newest first")
  record AuditPage(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<AuditEntry> items,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true) String nextCursor) {}

  /** A backup. */
  @Schema(name = "Backup", description = "A backup of the whole store")
  record Backup(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") String createdAt,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long sizeBytes,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "manual") String reason) {}

  /** {@code GET /v1/backups}. */
  @Schema(name = "BackupList", description = "Backups, newest first")
  record BackupList(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Backup> items) {}

  /** {@code POST /v1/backups/{id}/restore}. */
  @Schema(
      name = "RestoreResult",
      description = "What was restored, and the backup taken just before, to undo it")
  record RestoreResult(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String restored,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Backup safetyBackup) {}

  /** One namespace in an export document. */
  @Schema(name = "ExportedNamespace", description = "Everything one namespace holds")
  record ExportedNamespace(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String namespace,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<StateEntry> state,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Memory> memories,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Goal> goals) {}

  /** {@code GET /v1/export}. */
  @Schema(
      name = "ExportDocument",
      description = "memkit's export format, read back by POST /v1/import")
  record ExportDocument(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "memkit-export") String format,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "1") int version,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") String exportedAt,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ExportedNamespace> namespaces) {}

  /** {@code POST /v1/import}. */
  @Schema(name = "ImportResult", description = "What an import wrote")
  record ImportResult(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> namespaces,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "State entries written")
          int state,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Memories written")
          int memories,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Goals written")
          int goals) {}

  /** {@code GET /v1/namespaces}. */
  @Schema(name = "NamespaceList", description = "The namespaces holding data that the key may see")
  record NamespaceList(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> items) {}
}
