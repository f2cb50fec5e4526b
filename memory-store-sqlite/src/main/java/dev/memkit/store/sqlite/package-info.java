/**
 * The {@code sqlite:} store: one SQLite file in WAL mode with an FTS5 index, group commit, online
 * backups and recovery on open. The record tables come from {@code memory-store-jdbc} ({@code
 * dev.memkit.store.jdbc}), with SQLite's SQL in {@code SqliteDialect}; this package keeps what is
 * SQLite's own: connections by role, the group-commit writer, the reader pool, the checkpointer,
 * high-water marks, migrations, backups ({@code SqliteBackups}) and the check and recovery on open
 * ({@code IntegrityRecovery}). {@link dev.memkit.store.sqlite.SqliteStoreProvider} is the only
 * public type; everything else is package-private.
 */
package dev.memkit.store.sqlite;
