/**
 * Measurements of the {@code postgresql:} store against raw SQL on the same PostgreSQL, run by hand
 * ({@link dev.memkit.bench.postgres.PostgresBench}), never by {@code verify}.
 */
package dev.memkit.bench.postgres;
