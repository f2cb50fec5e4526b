/**
 * memkit's HTTP service: the seed-compatible routes, the {@code /v1} API, API-key auth, problem
 * JSON errors and the OpenAPI document, on Micronaut. {@link dev.memkit.http.MemkitServer} is the
 * one public entry point ({@link dev.memkit.http.LogSetup} is public only so that logback's {@link
 * java.util.ServiceLoader} can create it); everything else is an adapter detail.
 *
 * <p>The classes of this package, by job:
 *
 * <ul>
 *   <li><b>Auth and access</b>: {@code Authentication} (who is calling) and {@code AuthFilter}
 *       (which applies it, and writes the {@code RequestLog} line), {@code KeyRing} (the keys, as
 *       hashes), {@code Caller} and {@code Role} (a key's id, role and namespaces), {@code Access}
 *       (which namespace a request may touch), {@code RateLimiter} and {@code RateLimitFilter}
 *       (per-key rate limits), {@code McpOrigins} (browser origins allowed on {@code /mcp}).
 *   <li><b>Fast path</b>: {@code QuickReads} (the successful state reads answered without
 *       Micronaut's pipeline, with the same bytes), {@code QuickReadHandler} (its place on each
 *       connection), {@code QuickReadsInstaller} (which puts it there).
 *   <li><b>Errors</b>: {@code Problem} (the RFC 9457 body), {@code ProblemException} (a problem the
 *       HTTP layer decides on), {@code ProblemHandlers} (one handler per exception type), {@code
 *       ProblemResponses} (Micronaut's own errors as problems), {@code RequestTarget} (a request's
 *       path and query checked before anything reads them).
 *   <li><b>Request and response mapping</b>: {@code Requests} (request bodies), {@code
 *       RequestValues} (query parameters and headers into the core's values), {@code JsonResponses}
 *       (responses as the core's exact JSON bytes), {@code Responses} and {@code
 *       OpenApiDescriptions} (what the OpenAPI document says of them), {@code JacksonSetup} (strict
 *       reading of bodies).
 *   <li><b>Controllers</b>: {@code SeedController} (the original routes, byte for byte), {@code
 *       StateController}, {@code DocumentController}, {@code MemoryController}, {@code
 *       GoalController}, {@code ContextController}, {@code AdminController} (audit, backups, export
 *       and import, namespaces), {@code McpController} ({@code /mcp}), {@code OpenApiController},
 *       {@code ReadinessController}, {@code MetricsController}.
 *   <li><b>Startup and operations</b>: {@code MemkitServer} (the entry point), {@code
 *       ServeArguments} (its command line), {@code ServerSettings} and {@code OpsSettings} (the
 *       {@code MEMKIT_*} settings), {@code ServerRuntime} (what the running server shares with its
 *       routes), {@code StartupPhases} (the start log line), {@code ServiceScan} (Micronaut's bean
 *       list read while the store opens), {@code LogSetup} (logging), {@code MeteredObserver} (the
 *       core's events as meters), {@code HealthCheck} (the container health check).
 * </ul>
 */
package dev.memkit.http;
