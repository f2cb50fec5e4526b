/**
 * The {@code postgresql:} store, for many server replicas on one PostgreSQL: pooled connections,
 * numbered migrations under an advisory lock, {@code tsvector} search, row locks and
 * compare-and-set against lost updates, retried transient failures, logical backups in a table.
 * {@link dev.memkit.store.postgres.PostgresStoreProvider} and
 * {@link dev.memkit.store.postgres.JdbcPostgresStoreProvider} are the only public types.
 */
package dev.memkit.store.postgres;
