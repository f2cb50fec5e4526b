package dev.memkit.http;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.ListGoals;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.UpdateGoal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /v1/goals}: goals and their progress timelines. */
@Controller("/v1")
@Tag(name = "goals", description = "Goals and their progress")
class GoalController {
  private final Access access;

  GoalController(Access access) {
    this.access = access;
  }

  @Post("/goals")
  @ApiResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Goal.class)))
  @Operation(operationId = "addGoal", summary = "Add a goal (status new)")
  HttpResponse<String> addGoal(
      HttpRequest<?> request,
      @Body @Valid Requests.GoalCreate body,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var goals = access.space(request, namespace, Role.WRITE).goals();
    Goal goal = goals.add(new AddGoal(body.title(), RequestValues.time(body.dueAt(), "due_at")));
    return JsonResponses.json(HttpStatus.CREATED, RecordJson.goal(goal))
        .header("Location", "/v1/goals/" + goal.id().value());
  }

  @ApiResponse(
      responseCode = "200",
      description = "The goals",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.GoalList.class)))
  @Get("/goals")
  @Operation(
      operationId = "listGoals",
      summary = "List goals, oldest first, by status or only active ones")
  HttpResponse<String> listGoals(
      HttpRequest<?> request,
      @Parameter(
              description = "Comma-separated statuses: new, in_progress, blocked, done, abandoned")
          @Nullable
          @QueryValue
          String status,
      @Parameter(description = "true: only goals not done nor abandoned") @Nullable @QueryValue
          String active,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var goals = access.space(request, namespace, Role.READ).goals();
    if (active != null && !active.equals("true") && !active.equals("false")) {
      throw new ValidationException(
          "active", "must be true or false: '" + Problem.clip(active) + "'");
    }
    Set<GoalStatus> statuses = EnumSet.noneOf(GoalStatus.class);
    if (status != null) {
      for (String s : status.split(",", -1)) {
        statuses.add(GoalStatus.parse(s, "status"));
      }
    }
    List<Goal> list = goals.list(new ListGoals(statuses, "true".equals(active)));
    return JsonResponses.ok(JsonResponses.items(list.stream().map(RecordJson::goal).toList()));
  }

  @ApiResponse(
      responseCode = "200",
      description = "The goal",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Goal.class)))
  @Get("/goals/{id}")
  @Operation(operationId = "getGoal", summary = "Get one goal with its timeline")
  HttpResponse<String> getGoal(
      HttpRequest<?> request,
      @Parameter(description = "The goal's id") @PathVariable long id,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var goals = access.space(request, namespace, Role.READ).goals();
    GoalId goalId = GoalId.of(id);
    return JsonResponses.ok(
        RecordJson.goal(goals.find(goalId).orElseThrow(() -> new NotFoundException("goal " + id))));
  }

  @ApiResponse(
      responseCode = "200",
      description = "The goal as updated",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Goal.class)))
  @Patch("/goals/{id}")
  @Operation(
      operationId = "updateGoal",
      summary = "Change a goal's title, due time (null clears) or status")
  HttpResponse<String> updateGoal(
      HttpRequest<?> request,
      @Parameter(description = "The goal's id") @PathVariable long id,
      @Body @Valid Requests.GoalUpdate body,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var goals = access.space(request, namespace, Role.WRITE).goals();
    GoalId goalId = GoalId.of(id);
    boolean clearDue = body.dueAt() instanceof JsonValue.JsonNull;
    Optional<Instant> due = Optional.empty();
    if (body.dueAt() != null && !clearDue) {
      if (!(body.dueAt() instanceof JsonValue.JsonString s)) {
        throw new ValidationException("due_at", "must be an ISO-8601 time string or null");
      }
      due = RequestValues.time(s.value(), "due_at");
    }
    UpdateGoal changes =
        new UpdateGoal(
            Optional.ofNullable(body.title()),
            due,
            clearDue,
            Optional.ofNullable(body.status()).map(s -> GoalStatus.parse(s, "status")));
    return JsonResponses.ok(RecordJson.goal(goals.update(goalId, changes)));
  }

  @Delete("/goals/{id}")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @Operation(operationId = "deleteGoal", summary = "Delete a goal and its timeline")
  HttpResponse<String> deleteGoal(
      HttpRequest<?> request,
      @Parameter(description = "The goal's id") @PathVariable long id,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var goals = access.space(request, namespace, Role.WRITE).goals();
    goals.delete(GoalId.of(id));
    return HttpResponse.noContent();
  }

  @ApiResponse(
      responseCode = "200",
      description = "The goal with its new step",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Goal.class)))
  @Post("/goals/{id}/progress")
  @Operation(
      operationId = "progressGoal",
      summary = "Record progress on a goal: a new status, a note, or both")
  HttpResponse<String> progressGoal(
      HttpRequest<?> request,
      @Parameter(description = "The goal's id") @PathVariable long id,
      @Body @Valid Requests.GoalProgress body,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var goals = access.space(request, namespace, Role.WRITE).goals();
    GoalId goalId = GoalId.of(id);
    Goal goal =
        goals.progress(
            new RecordProgress(
                goalId,
                Optional.ofNullable(body.status()).map(s -> GoalStatus.parse(s, "status")),
                Optional.ofNullable(body.note())));
    return JsonResponses.ok(RecordJson.goal(goal));
  }
}
