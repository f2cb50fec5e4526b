/**
 * memkit's HTTP service: the seed-compatible routes, the {@code /v1} API, API-key auth, problem
 * JSON errors and the OpenAPI document, on Micronaut. {@link dev.memkit.http.MemkitServer} is the
 * one public entry point ({@link dev.memkit.http.LogSetup} is public only so that logback's
 * {@link java.util.ServiceLoader} can create it); everything else is an adapter detail.
 */
package dev.memkit.http;
