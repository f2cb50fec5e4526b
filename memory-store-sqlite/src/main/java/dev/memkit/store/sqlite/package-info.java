/**
 * The {@code sqlite:} store: one SQLite file in WAL mode with an FTS5 index, group commit, online
 * backups and recovery on open. {@link dev.memkit.store.sqlite.SqliteStoreProvider} is the only
 * public type; everything else is package-private.
 */
package dev.memkit.store.sqlite;
