/**
 * What the SQL stores ({@code sqlite:}, {@code postgresql:}) share: the record tables of a unit of
 * work ({@link dev.memkit.store.jdbc.JdbcTransaction}), their row mapping and parameter binding
 * over one connection ({@link dev.memkit.store.jdbc.SqlConnection}), and how times are kept ({@link
 * dev.memkit.store.jdbc.TimeColumns}). Where the SQL of the two really differs — search, id
 * sequences, row locks, prefix matches, how tags are indexed — a store passes its {@link
 * dev.memkit.store.jdbc.JdbcDialect}. Depends on the core and {@code java.sql} only; the stores
 * keep their connections, pools, schemas, backups and recovery.
 */
package dev.memkit.store.jdbc;
