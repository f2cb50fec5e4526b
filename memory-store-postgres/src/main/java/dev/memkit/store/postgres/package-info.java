/**
 * The {@code postgresql:} store, for many server replicas on one PostgreSQL: pooled connections,
 * numbered migrations under an advisory lock, {@code tsvector} search, row locks and
 * compare-and-set against lost updates, retried transient failures, logical backups in a table. The
 * record tables come from {@code memory-store-jdbc} ({@code dev.memkit.store.jdbc}), with
 * PostgreSQL's SQL in {@code PostgresDialect}. {@link
 * dev.memkit.store.postgres.PostgresStoreProvider} and {@link
 * dev.memkit.store.postgres.JdbcPostgresStoreProvider} are the only public types.
 */
package dev.memkit.store.postgres;
