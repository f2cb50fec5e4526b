package dev.memkit.http;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.DeleteState;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.core.port.in.SetState;
import dev.memkit.jackson.JsonText;
import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * {@code /v1/state}: named JSON values with versions. {@code ETag} carries the version and {@code
 * If-Match} makes a write compare-and-set ({@code "0"}: the key must not exist yet).
 */
@Controller("/v1")
@Tag(name = "state", description = "Named JSON values, with versions for compare-and-set")
class StateController {
  static final String MERGE_PATCH = "application/merge-patch+json";

  /** The header carrying a state entry's version, named as the responses spell it. */
  static final String ETAG = "ETag";

  private final Access access;

  StateController(Access access) {
    this.access = access;
  }

  @ApiResponse(
      responseCode = "200",
      description = "The entries",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.StateEntryList.class)))
  @Get("/state")
  @Operation(operationId = "listState", summary = "List state entries, optionally by key prefix")
  HttpResponse<String> listState(
      HttpRequest<?> request,
      @Parameter(description = "Only keys starting with this") @Nullable @QueryValue String prefix,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var entries =
        access.space(request, namespace, Role.READ).state().list(prefix == null ? "" : prefix);
    return JsonResponses.ok(JsonResponses.items(entries.stream().map(RecordJson::state).toList()));
  }

  @NonBlocking // a quick read: on the event loop (see MemkitServer)
  @ApiResponse(
      responseCode = "200",
      description = "The entry",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.StateEntry.class)))
  @Get("/state/{key}")
  @Operation(operationId = "getState", summary = "Get one state entry; its ETag is its version")
  HttpResponse<String> getState(
      HttpRequest<?> request,
      @Parameter(description = "The state key") @PathVariable String key,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    StateKey k = StateKey.of(key);
    StateEntry entry =
        access
            .space(request, namespace, Role.READ)
            .state()
            .get(k)
            .orElseThrow(() -> new NotFoundException("state " + k.value()));
    return entry(HttpStatus.OK, entry);
  }

  @ApiResponse(
      responseCode = "200",
      description = "The entry as set",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.StateEntry.class)))
  @Put("/state/{key}")
  @Operation(
      operationId = "putState",
      summary = "Set a state entry to a JSON value (If-Match for compare-and-set)")
  @Parameter(
      name = "If-Match",
      in = ParameterIn.HEADER,
      description = OpenApiDescriptions.IF_MATCH,
      schema = @Schema(type = "string"))
  HttpResponse<String> putState(
      HttpRequest<?> request,
      @Parameter(description = "The state key") @PathVariable String key,
      @Body @Valid Requests.StatePut body,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var state = access.space(request, namespace, Role.WRITE).state();
    StateKey k = StateKey.of(key);
    return entry(
        HttpStatus.OK, state.set(new SetState(k, body.value(), RequestValues.ifMatch(request))));
  }

  @ApiResponse(
      responseCode = "200",
      description = "The entry as patched",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.StateEntry.class)))
  @Patch("/state/{key}")
  @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
  @Operation(operationId = "patchState", summary = "Merge-patch a state entry's value (RFC 7386)")
  @Parameter(
      name = "If-Match",
      in = ParameterIn.HEADER,
      description = OpenApiDescriptions.IF_MATCH,
      schema = @Schema(type = "string"))
  @RequestBody(
      description = "An RFC 7386 merge patch",
      content = {
        @Content(mediaType = MERGE_PATCH, schema = @Schema(type = "object")),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object"))
      })
  HttpResponse<String> patchState(
      HttpRequest<?> request,
      @Parameter(description = "The state key") @PathVariable String key,
      @Body byte[] body,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var state = access.space(request, namespace, Role.WRITE).state();
    StateKey k = StateKey.of(key);
    JsonValue patch = JsonText.parse(body, "body");
    return entry(
        HttpStatus.OK, state.mergePatch(new PatchState(k, patch, RequestValues.ifMatch(request))));
  }

  @Delete("/state/{key}")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @Operation(operationId = "deleteState", summary = "Delete a state entry")
  @Parameter(
      name = "If-Match",
      in = ParameterIn.HEADER,
      description = OpenApiDescriptions.IF_MATCH,
      schema = @Schema(type = "string"))
  HttpResponse<String> deleteState(
      HttpRequest<?> request,
      @Parameter(description = "The state key") @PathVariable String key,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var state = access.space(request, namespace, Role.WRITE).state();
    state.delete(new DeleteState(StateKey.of(key), RequestValues.ifMatch(request)));
    return HttpResponse.noContent();
  }

  /** A state entry with its version as ETag. */
  static MutableHttpResponse<String> entry(HttpStatus status, StateEntry entry) {
    return JsonResponses.json(status, RecordJson.state(entry)).header(ETAG, etag(entry));
  }

  /** The {@code ETag} of a state entry: its version, quoted. */
  static String etag(StateEntry entry) {
    return "\"" + entry.version() + "\"";
  }
}
