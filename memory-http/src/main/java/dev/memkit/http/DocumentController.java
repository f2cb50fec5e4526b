package dev.memkit.http;

import dev.memkit.core.error.NotFoundException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.PatchState;
import dev.memkit.jackson.JsonText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /v1/profile} and {@code /v1/working-memory}: the two well-known JSON documents. */
@Controller("/v1")
@Tag(name = "documents", description = "The profile and working-memory documents")
final class DocumentController {
  private final Access access;

  DocumentController(Access access) {
    this.access = access;
  }

  @ApiResponse(
      responseCode = "200",
      description = "The profile document",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.StateEntry.class)))
  @Get("/profile")
  @Operation(operationId = "getProfile", summary = "Get the user's profile document")
  HttpResponse<String> getProfile(
      HttpRequest<?> request,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    return get(request, namespace, StateKey.PROFILE);
  }

  @ApiResponse(
      responseCode = "200",
      description = "The profile as patched",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.StateEntry.class)))
  @Patch("/profile")
  @Consumes({StateController.MERGE_PATCH, MediaType.APPLICATION_JSON})
  @Operation(operationId = "patchProfile", summary = "Merge-patch the user's profile document")
  @Parameter(
      name = "If-Match",
      in = ParameterIn.HEADER,
      description = OpenApiDescriptions.IF_MATCH,
      schema = @Schema(type = "string"))
  @RequestBody(
      description = "An RFC 7386 merge patch object",
      content = {
        @Content(mediaType = StateController.MERGE_PATCH, schema = @Schema(type = "object")),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object"))
      })
  HttpResponse<String> patchProfile(
      HttpRequest<?> request,
      @Body byte[] body,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    return patch(request, namespace, StateKey.PROFILE, body);
  }

  @ApiResponse(
      responseCode = "200",
      description = "The working-memory document",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.StateEntry.class)))
  @Get("/working-memory")
  @Operation(operationId = "getWorkingMemory", summary = "Get the working-memory document")
  HttpResponse<String> getWorkingMemory(
      HttpRequest<?> request,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    return get(request, namespace, StateKey.WORKING_MEMORY);
  }

  @ApiResponse(
      responseCode = "200",
      description = "The working memory as patched",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.StateEntry.class)))
  @Patch("/working-memory")
  @Consumes({StateController.MERGE_PATCH, MediaType.APPLICATION_JSON})
  @Operation(
      operationId = "patchWorkingMemory",
      summary = "Merge-patch the working-memory document")
  @Parameter(
      name = "If-Match",
      in = ParameterIn.HEADER,
      description = OpenApiDescriptions.IF_MATCH,
      schema = @Schema(type = "string"))
  @RequestBody(
      description = "An RFC 7386 merge patch object",
      content = {
        @Content(mediaType = StateController.MERGE_PATCH, schema = @Schema(type = "object")),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object"))
      })
  HttpResponse<String> patchWorkingMemory(
      HttpRequest<?> request,
      @Body byte[] body,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    return patch(request, namespace, StateKey.WORKING_MEMORY, body);
  }

  private HttpResponse<String> get(HttpRequest<?> request, String namespace, StateKey key) {
    var entry =
        access
            .space(request, namespace, Role.READ)
            .state()
            .get(key)
            .orElseThrow(() -> new NotFoundException(key.value() + " document"));
    return StateController.entry(HttpStatus.OK, entry);
  }

  private HttpResponse<String> patch(
      HttpRequest<?> request, String namespace, StateKey key, byte[] body) {
    var state = access.space(request, namespace, Role.WRITE).state();
    JsonValue patch = JsonText.parse(body, "body");
    if (!(patch instanceof JsonValue.JsonObject object)) {
      throw new dev.memkit.core.error.ValidationException(
          "body", "must be a JSON object (a merge patch of the document)");
    }
    return StateController.entry(
        HttpStatus.OK,
        state.mergePatch(new PatchState(key, object, RequestValues.ifMatch(request))));
  }
}
