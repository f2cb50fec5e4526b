package dev.memkit.http;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.model.ContextBlock;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.ContextSection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** {@code /v1/context}: the block an agent prepends to its prompt. */
@Controller("/v1")
@Tag(name = "context", description = "The context block for a prompt")
final class ContextController {
  private final Access access;

  ContextController(Access access) {
    this.access = access;
  }

  @ApiResponse(
      responseCode = "200",
      description = "The context block",
      content = {
        @Content(
            mediaType = "application/json",
            schema = @Schema(implementation = Responses.Context.class)),
        @Content(mediaType = "text/plain", schema = @Schema(type = "string"))
      })
  @Get("/context")
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  @Operation(
      operationId = "getContext",
      summary =
          "Build the context block: state, goals, relevant and recent memories within a token budget")
  HttpResponse<String> getContext(
      HttpRequest<?> request,
      @Parameter(description = "Token budget, 1..128000; the block never exceeds it")
          @QueryValue("max_tokens")
          int maxTokens,
      @Parameter(description = "Adds a Relevant Memory section of the best matches for this")
          @Nullable
          @QueryValue
          String query,
      @Parameter(
              description =
                  "Comma-separated sections: state, goals, relevant, recent (default: all)")
          @Nullable
          @QueryValue
          String sections,
      @Parameter(description = "json (default) or text (the bare block as text/plain)")
          @Nullable
          @QueryValue
          String format,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace,
      @Parameter(description = OpenApiDescriptions.MODE) @Nullable @QueryValue String mode) {
    boolean text = false;
    if (format != null && !format.equals("json")) {
      if (!format.equals("text")) {
        throw new ValidationException(
            "format", "must be json or text: '" + Problem.clip(format) + "'");
      }
      text = true;
    }
    Set<ContextSection> wanted = EnumSet.noneOf(ContextSection.class);
    if (sections != null) {
      for (String s : sections.split(",", -1)) {
        wanted.add(ContextSection.parse(s));
      }
    }
    var context = access.space(request, namespace, Role.READ).context();
    ContextBlock block =
        context.export(
            new ContextRequest(
                maxTokens, Optional.ofNullable(query), wanted, RequestValues.mode(mode)));
    if (text) {
      return HttpResponse.ok(block.text())
          .contentType(MediaType.TEXT_PLAIN_TYPE.getName() + ";charset=utf-8");
    }
    return JsonResponses.ok(RecordJson.context(block));
  }
}
