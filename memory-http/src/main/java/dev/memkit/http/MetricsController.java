package dev.memkit.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format, for a Prometheus server to
 * scrape. Needs an {@code admin} key, unless {@code MEMKIT_METRICS_PUBLIC=true} (then, like {@code
 * /health}, no key). Not part of the API document: it is for operators, not for agents.
 */
@Controller
@Hidden
final class MetricsController {
  /** The Prometheus text exposition format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final Access access;
  private final boolean open;

  MetricsController(PrometheusMeterRegistry registry, Access access, ServerRuntime runtime) {
    this.registry = registry;
    this.access = access;
    this.open = OpsSettings.from(runtime.settings().environment()).metricsPublic();
  }

  @Get("/metrics")
  HttpResponse<String> metrics(HttpRequest<?> request) {
    if (!open) {
      access.require(request, Role.ADMIN);
    }
    return HttpResponse.ok(registry.scrape()).contentType(CONTENT_TYPE);
  }
}
