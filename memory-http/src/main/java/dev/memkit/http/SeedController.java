package dev.memkit.http;

import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchStatus;
import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routes of the original service, byte for byte: same paths, bodies and answers. They act on
 * the key's default namespace.
 */
@Controller
@Tag(name = "seed", description = "The original routes, kept byte-compatible")
class SeedController {
  private static final JsonValue.JsonObject OK = JsonValue.objectBuilder().put("ok", true).build();
  private static final int DEFAULT_CONTEXT_TOKENS = 1500;
  private static final JsonValue.JsonObject VERSION =
      JsonValue.objectBuilder().put("version", Memkit.version()).build();

  private final Access access;

  SeedController(Access access) {
    this.access = access;
  }

  @NonBlocking // a quick read: on the event loop (see MemkitServer)
  @ApiResponse(
      responseCode = "200",
      description = "The server is up",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Health.class)))
  @Get("/health")
  @SecurityRequirements
  @Operation(operationId = "health", summary = "Tell whether the server is up (no key needed)")
  HttpResponse<String> health() {
    SearchStatus search = access.memkit().searchStatus();
    return JsonResponses.ok(
        JsonValue.objectBuilder()
            .put("status", "ok")
            .put("search", search.defaultMode().value())
            .put("embedder", search.embedder())
            .build());
  }

  @NonBlocking // a quick read: on the event loop (see MemkitServer)
  @ApiResponse(
      responseCode = "200",
      description = "memkit's version",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Version.class)))
  @Get("/version")
  @Operation(operationId = "version", summary = "Tell memkit's version")
  HttpResponse<String> version() {
    return JsonResponses.ok(VERSION);
  }

  @ApiResponse(
      responseCode = "200",
      description = "Set",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Ok.class)))
  @Post("/state/set")
  @Operation(operationId = "seedStateSet", summary = "Set a state variable")
  HttpResponse<String> stateSet(HttpRequest<?> request, @Body @Valid Requests.SeedStateSet body) {
    space(request, Role.WRITE).state().set(StateKey.of(body.key()), body.value());
    return JsonResponses.ok(OK);
  }

  @NonBlocking // a quick read: on the event loop (see MemkitServer)
  @ApiResponse(
      responseCode = "200",
      description = "The value, null when unset",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.SeedStateValue.class)))
  @Get("/state/get")
  @Operation(
      operationId = "seedStateGet",
      summary = "Get a state variable's value (null when unset)")
  HttpResponse<String> stateGet(
      HttpRequest<?> request,
      @Parameter(description = "The state key, e.g. current_phase") @QueryValue String key) {
    return JsonResponses.ok(stateValue(space(request, Role.READ).state().get(StateKey.of(key))));
  }

  /** The body of {@code GET /state/get}: {@code {"value":…}}, null when the key is unset. */
  static JsonValue.JsonObject stateValue(Optional<StateEntry> entry) {
    return JsonValue.objectBuilder()
        .put("value", entry.<JsonValue>map(StateEntry::value).orElse(JsonValue.NULL))
        .build();
  }

  @ApiResponse(
      responseCode = "200",
      description = "Added",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Ok.class)))
  @Post("/memory/add")
  @Operation(operationId = "seedMemoryAdd", summary = "Add a timestamped memory entry")
  HttpResponse<String> memoryAdd(HttpRequest<?> request, @Body @Valid Requests.SeedMemoryAdd body) {
    AddMemory command =
        AddMemory.of(body.event())
            .withKind(Kind.of("event"))
            .withTags(RequestValues.tags(body.tags(), "tags"));
    space(request, Role.WRITE).memories().add(command);
    return JsonResponses.ok(OK);
  }

  @ApiResponse(
      responseCode = "200",
      description = "The entries found, best first",
      content =
          @Content(
              mediaType = "application/json",
              array =
                  @ArraySchema(schema = @Schema(implementation = Responses.SeedSearchHit.class))))
  @Get("/memory/search")
  @Operation(
      operationId = "seedMemorySearch",
      summary = "Search memory entries in natural language")
  HttpResponse<String> memorySearch(
      HttpRequest<?> request,
      @Parameter(description = "What to look for, e.g. deploy") @QueryValue String q,
      @Parameter(description = "How many entries at most, 1..100 (default 10)")
          @Nullable
          @QueryValue
          Integer limit) {
    SearchMemories search =
        SearchMemories.of(q).withLimit(RequestValues.limit(limit, Limits.PAGE_DEFAULT));
    List<JsonValue> hits = new ArrayList<>();
    for (SearchHit hit : space(request, Role.READ).memories().search(search)) {
      hits.add(
          JsonValue.objectBuilder()
              .put("id", hit.memory().id().value())
              .put("event", hit.memory().text())
              .put("tags", hit.memory().tagsJoined())
              .build());
    }
    return JsonResponses.ok(JsonValue.array(hits));
  }

  @ApiResponse(
      responseCode = "200",
      description = "The goal added",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.SeedGoal.class)))
  @Post("/goals/add")
  @Operation(operationId = "seedGoalAdd", summary = "Add a goal")
  HttpResponse<String> goalAdd(HttpRequest<?> request, @Body @Valid Requests.SeedGoalAdd body) {
    Goal goal = space(request, Role.WRITE).goals().add(AddGoal.of(body.goal()));
    return JsonResponses.ok(
        JsonValue.objectBuilder()
            .put("id", goal.id().value())
            .put("goal", goal.title())
            .put("status", goal.status().wireName())
            .build());
  }

  @ApiResponse(
      responseCode = "200",
      description = "Updated",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Ok.class)))
  @Post("/goals/progress")
  @Operation(
      operationId = "seedGoalProgress",
      summary = "Update a goal's status or add a progress note")
  HttpResponse<String> goalProgress(
      HttpRequest<?> request, @Body @Valid Requests.SeedGoalProgress body) {
    Optional<GoalStatus> status =
        Optional.ofNullable(body.status()).map(s -> GoalStatus.parse(s, "status"));
    space(request, Role.WRITE)
        .goals()
        .progress(
            new RecordProgress(GoalId.of(body.goalId()), status, Optional.ofNullable(body.note())));
    return JsonResponses.ok(OK);
  }

  @ApiResponse(
      responseCode = "200",
      description = "The context block",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.SeedContext.class)))
  @Get("/context/export")
  @Operation(operationId = "seedContextExport", summary = "Export an LLM-ready context block")
  HttpResponse<String> contextExport(
      HttpRequest<?> request,
      @Parameter(description = "Token budget of the block, 1..128000 (default 1500)")
          @Nullable
          @QueryValue("max_tokens")
          Integer maxTokens) {
    ContextRequest command =
        ContextRequest.maxTokens(maxTokens == null ? DEFAULT_CONTEXT_TOKENS : maxTokens);
    String block = space(request, Role.READ).context().export(command).text();
    return JsonResponses.ok(JsonValue.objectBuilder().put("prompt_block", block).build());
  }

  private Space space(HttpRequest<?> request, Role need) {
    return access.space(request, null, need);
  }
}
