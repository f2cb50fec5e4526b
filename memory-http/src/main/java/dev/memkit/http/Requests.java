package dev.memkit.http;

import dev.memkit.core.json.JsonValue;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The request bodies, as Jackson reads them (snake_case members). The annotations catch what is
 * missing or plainly too large before a use case is called; the core's commands then check every
 * rule of the domain and name the field that broke one.
 */
final class Requests {
  private Requests() {}

  /** {@code POST /state/set}. */
  @Introspected
  @Schema(name = "SeedStateSet")
  record SeedStateSet(
      @Schema(description = "State key, e.g. current_phase", example = "current_phase") @NotNull
          String key,
      @Schema(description = "Any JSON value", example = "testing") @NotNull JsonValue value) {}

  /** {@code POST /memory/add}. */
  @Introspected
  @Schema(name = "SeedMemoryAdd")
  record SeedMemoryAdd(
      @Schema(description = "What happened", example = "Deployed v1.2") @NotNull String event,
      @Schema(description = "Tags", example = "[\"deploy\",\"v1.2\"]") @Nullable @Size(max = 32)
          List<String> tags) {}

  /** {@code POST /goals/add}. */
  @Introspected
  @Schema(name = "SeedGoalAdd")
  record SeedGoalAdd(
      @Schema(description = "The goal's title", example = "Launch MVP") @NotNull String goal) {}

  /** {@code POST /goals/progress}. */
  @Introspected
  @Schema(name = "SeedGoalProgress")
  record SeedGoalProgress(
      @Schema(description = "The goal's id", example = "1") @NotNull Long goalId,
      @Schema(
              description = "New status: new, in_progress, blocked, done, abandoned",
              example = "in_progress")
          @Nullable
          String status,
      @Schema(description = "A progress note", example = "Wired authentication") @Nullable
          String note) {}

  /** {@code PUT /v1/state/{key}}. */
  @Introspected
  @Schema(name = "StatePut")
  record StatePut(
      @Schema(description = "Any JSON value (at most 64 KiB)") @NotNull JsonValue value) {}

  /** {@code POST /v1/memories}. */
  @Introspected
  @Schema(name = "MemoryCreate")
  record MemoryCreate(
      @Schema(description = "The memory's text, 1..32768 characters") @NotNull String text,
      @Schema(description = "0..32 tags") @Nullable @Size(max = 32) List<String> tags,
      @Schema(description = "Kind: note (default), event, fact, decision, long_term…") @Nullable
          String kind,
      @Schema(description = "A JSON object of at most 16 KiB") @Nullable JsonValue metadata,
      @Schema(description = "When it happened, ISO-8601") @Nullable String occurredAt,
      @Schema(description = "Idempotency key: a second add with it returns the first memory")
          @Nullable
          String key) {}

  /** {@code PATCH /v1/memories/{id}}: absent members stay as they are. */
  @Introspected
  @Schema(name = "MemoryUpdate")
  record MemoryUpdate(
      @Nullable String text,
      @Nullable @Size(max = 32) List<String> tags,
      @Nullable String kind,
      @Nullable JsonValue metadata,
      @Nullable String occurredAt) {}

  /** {@code POST /v1/snapshots}. */
  @Introspected
  @Schema(name = "SnapshotCreate")
  record SnapshotCreate(
      @Schema(description = "What the session did, 1..32768 characters") @NotNull String summary,
      @Schema(description = "Structured data (a JSON object)") @Nullable JsonValue data,
      @Nullable @Size(max = 32) List<String> tags) {}

  /** {@code POST /v1/goals}. */
  @Introspected
  @Schema(name = "GoalCreate")
  record GoalCreate(
      @Schema(description = "1..500 characters") @NotNull String title,
      @Schema(description = "Due time, ISO-8601") @Nullable String dueAt) {}

  /** {@code PATCH /v1/goals/{id}}: {@code due_at: null} clears the due time. */
  @Introspected
  @Schema(name = "GoalUpdate")
  record GoalUpdate(
      @Nullable String title,
      @Schema(description = "ISO-8601 time, or null to clear", type = "string", nullable = true)
          @Nullable
          JsonValue dueAt,
      @Nullable String status) {}

  /** {@code POST /v1/goals/{id}/progress}. */
  @Introspected
  @Schema(name = "GoalProgress")
  record GoalProgress(
      @Schema(description = "New status: new, in_progress, blocked, done, abandoned") @Nullable
          String status,
      @Schema(description = "A note, 1..4000 characters") @Nullable String note) {}
}
