package dev.memkit.http;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.StoreHealth;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness, for load balancers and platform health checks: {@code GET /ready} answers 200 when a
 * write would succeed now and 503 when it would not, saying whether the store is {@code read-only}
 * or {@code unavailable} and why in a few words. {@code /health} stays the liveness check: it
 * answers 200 while the process serves requests, whatever the store.
 */
@Controller
@Tag(name = "readiness", description = "Whether writes can succeed now, for load balancers")
final class ReadinessController {
  private static final Logger LOG = LoggerFactory.getLogger(ReadinessController.class);

  private final Access access;
  private volatile StoreHealth last = StoreHealth.WRITABLE;

  ReadinessController(Access access) {
    this.access = access;
  }

  @ApiResponse(
      responseCode = "200",
      description = "Writes can succeed",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Ready.class)))
  @ApiResponse(
      responseCode = "503",
      description = "Writes would fail now",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Ready.class)))
  @Get("/ready")
  @SecurityRequirements
  @Operation(
      operationId = "ready",
      summary =
          "Tell whether writes can succeed now: 200, or 503 with the store's state (no key needed)")
  HttpResponse<String> ready() {
    StoreHealth health = access.memkit().storeHealth();
    if (!health.status().equals(last.status()) || !health.detail().equals(last.detail())) {
      if (health.writable()) {
        LOG.info("store {} is writable again", access.memkit().storeDescription());
      } else {
        LOG.warn(
            "store {} is {}: {}",
            access.memkit().storeDescription(),
            health.status().wireName(),
            health.detail());
      }
      last = health;
    }
    JsonValue.ObjectBuilder body =
        JsonValue.objectBuilder()
            .put("status", health.writable() ? "ready" : "not ready")
            .put("store", health.status().wireName());
    if (!health.writable()) {
      body.put("detail", health.detail());
    }
    return JsonResponses.json(
        health.writable() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, body.build());
  }
}
