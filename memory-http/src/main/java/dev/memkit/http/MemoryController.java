package dev.memkit.http;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.MemoryPage;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.ListSnapshots;
import dev.memkit.core.port.in.MemoryAdded;
import dev.memkit.core.port.in.SaveSnapshot;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.UpdateMemory;
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
import java.util.List;
import java.util.Optional;

/** {@code /v1/memories}: the memory log, its search, and {@code /v1/snapshots}. */
@Controller("/v1")
@Tag(name = "memories", description = "The memory log, its search and session snapshots")
class MemoryController {
  private final Access access;

  MemoryController(Access access) {
    this.access = access;
  }

  @Post("/memories")
  @ApiResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Memory.class)))
  @ApiResponse(
      responseCode = "200",
      description = "The memory added earlier with the same key",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Memory.class)))
  @Operation(
      operationId = "addMemory",
      summary = "Add a memory (201; 200 with the earlier memory when its key was used before)")
  HttpResponse<String> addMemory(
      HttpRequest<?> request,
      @Body @Valid Requests.MemoryCreate body,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var memories = access.space(request, namespace, Role.WRITE).memories();
    AddMemory command =
        new AddMemory(
            body.text(),
            RequestValues.tags(body.tags(), "tags"),
            RequestValues.kind(body.kind()).orElse(Kind.NOTE),
            RequestValues.object(body.metadata(), "metadata").orElse(JsonValue.emptyObject()),
            RequestValues.time(body.occurredAt(), "occurred_at"),
            Optional.ofNullable(body.key()).map(MemoryKey::of));
    MemoryAdded added = memories.add(command);
    return JsonResponses.json(
            added.created() ? HttpStatus.CREATED : HttpStatus.OK, RecordJson.memory(added.memory()))
        .header("Location", "/v1/memories/" + added.memory().id().value());
  }

  @ApiResponse(
      responseCode = "200",
      description = "A page of memories",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.MemoryPage.class)))
  @Get("/memories")
  @Operation(
      operationId = "listMemories",
      summary = "List memories, newest first, with filters and paging")
  HttpResponse<String> listMemories(
      HttpRequest<?> request,
      @Parameter(description = OpenApiDescriptions.TAG) @Nullable @QueryValue List<String> tag,
      @Parameter(description = OpenApiDescriptions.KIND) @Nullable @QueryValue String kind,
      @Parameter(description = OpenApiDescriptions.FROM) @Nullable @QueryValue String from,
      @Parameter(description = OpenApiDescriptions.TO) @Nullable @QueryValue String to,
      @Parameter(description = OpenApiDescriptions.CURSOR) @Nullable @QueryValue String cursor,
      @Parameter(description = OpenApiDescriptions.LIMIT) @Nullable @QueryValue Integer limit,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var memories = access.space(request, namespace, Role.READ).memories();
    MemoryPage page =
        memories.list(
            new ListMemories(
                RequestValues.filter(tag, kind, from, to),
                Optional.ofNullable(cursor),
                RequestValues.limit(limit, Limits.PAGE_DEFAULT)));
    return JsonResponses.ok(
        JsonResponses.page(
            page.items().stream().map(RecordJson::memory).toList(), page.nextCursor()));
  }

  @ApiResponse(
      responseCode = "200",
      description = "The memories found, best first",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.SearchHitList.class)))
  @Get("/memories/search")
  @Operation(
      operationId = "searchMemories",
      summary = "Search memories in natural language, best first, with scores")
  HttpResponse<String> searchMemories(
      HttpRequest<?> request,
      @Parameter(description = "What to look for, in any words, e.g. When did we deploy v1.2?")
          @QueryValue
          String q,
      @Parameter(description = OpenApiDescriptions.LIMIT) @Nullable @QueryValue Integer limit,
      @Parameter(description = OpenApiDescriptions.TAG) @Nullable @QueryValue List<String> tag,
      @Parameter(description = OpenApiDescriptions.KIND) @Nullable @QueryValue String kind,
      @Parameter(description = OpenApiDescriptions.FROM) @Nullable @QueryValue String from,
      @Parameter(description = OpenApiDescriptions.TO) @Nullable @QueryValue String to,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace,
      @Parameter(description = OpenApiDescriptions.MODE) @Nullable @QueryValue String mode) {
    var memories = access.space(request, namespace, Role.READ).memories();
    var hits =
        memories.search(
            new SearchMemories(
                q,
                RequestValues.filter(tag, kind, from, to),
                RequestValues.limit(limit, Limits.PAGE_DEFAULT),
                RequestValues.mode(mode)));
    return JsonResponses.ok(JsonResponses.items(hits.stream().map(RecordJson::hit).toList()));
  }

  @ApiResponse(
      responseCode = "200",
      description = "The memory",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Memory.class)))
  @Get("/memories/{id}")
  @Operation(operationId = "getMemory", summary = "Get one memory")
  HttpResponse<String> getMemory(
      HttpRequest<?> request,
      @Parameter(description = "The memory's id") @PathVariable long id,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var memories = access.space(request, namespace, Role.READ).memories();
    MemoryId memoryId = MemoryId.of(id);
    Memory memory =
        memories.find(memoryId).orElseThrow(() -> new NotFoundException("memory " + id));
    return JsonResponses.ok(RecordJson.memory(memory));
  }

  @ApiResponse(
      responseCode = "200",
      description = "The memory as updated",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Memory.class)))
  @Patch("/memories/{id}")
  @Operation(
      operationId = "updateMemory",
      summary = "Change a memory's text, tags, kind, metadata or time")
  HttpResponse<String> updateMemory(
      HttpRequest<?> request,
      @Parameter(description = "The memory's id") @PathVariable long id,
      @Body @Valid Requests.MemoryUpdate body,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var memories = access.space(request, namespace, Role.WRITE).memories();
    MemoryId memoryId = MemoryId.of(id);
    UpdateMemory changes =
        new UpdateMemory(
            Optional.ofNullable(body.text()),
            Optional.ofNullable(body.tags()).map(t -> RequestValues.tags(t, "tags")),
            RequestValues.kind(body.kind()),
            RequestValues.object(body.metadata(), "metadata"),
            RequestValues.time(body.occurredAt(), "occurred_at"));
    return JsonResponses.ok(RecordJson.memory(memories.update(memoryId, changes)));
  }

  @Delete("/memories/{id}")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @Operation(operationId = "deleteMemory", summary = "Delete a memory")
  HttpResponse<String> deleteMemory(
      HttpRequest<?> request,
      @Parameter(description = "The memory's id") @PathVariable long id,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var memories = access.space(request, namespace, Role.WRITE).memories();
    memories.delete(MemoryId.of(id));
    return HttpResponse.noContent();
  }

  @Post("/snapshots")
  @ApiResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Memory.class)))
  @Operation(
      operationId = "saveSnapshot",
      summary = "Save a session snapshot: a summary and optional structured data")
  HttpResponse<String> saveSnapshot(
      HttpRequest<?> request,
      @Body @Valid Requests.SnapshotCreate body,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var memories = access.space(request, namespace, Role.WRITE).memories();
    Memory saved =
        memories.saveSnapshot(
            new SaveSnapshot(
                body.summary(),
                RequestValues.object(body.data(), "data").orElse(JsonValue.emptyObject()),
                RequestValues.tags(body.tags(), "tags")));
    return JsonResponses.json(HttpStatus.CREATED, RecordJson.memory(saved))
        .header("Location", "/v1/memories/" + saved.id().value());
  }

  @ApiResponse(
      responseCode = "200",
      description = "A page of snapshots",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.MemoryPage.class)))
  @Get("/snapshots")
  @Operation(operationId = "listSnapshots", summary = "List session snapshots, newest first")
  HttpResponse<String> listSnapshots(
      HttpRequest<?> request,
      @Parameter(description = OpenApiDescriptions.CURSOR) @Nullable @QueryValue String cursor,
      @Parameter(description = OpenApiDescriptions.LIMIT) @Nullable @QueryValue Integer limit,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var memories = access.space(request, namespace, Role.READ).memories();
    MemoryPage page =
        memories.listSnapshots(
            new ListSnapshots(
                Optional.ofNullable(cursor), RequestValues.limit(limit, Limits.PAGE_DEFAULT)));
    return JsonResponses.ok(
        JsonResponses.page(
            page.items().stream().map(RecordJson::memory).toList(), page.nextCursor()));
  }

  @ApiResponse(
      responseCode = "200",
      description = "The newest snapshot",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Memory.class)))
  @Get("/snapshots/latest")
  @Operation(operationId = "latestSnapshot", summary = "Get the newest session snapshot")
  HttpResponse<String> latestSnapshot(
      HttpRequest<?> request,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var memories = access.space(request, namespace, Role.READ).memories();
    return JsonResponses.ok(
        RecordJson.memory(
            memories.latestSnapshot().orElseThrow(() -> new NotFoundException("snapshot"))));
  }
}
