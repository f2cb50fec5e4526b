/**
 * Benchmarks of the SQLite store, each beside the same operation done with raw JDBC on a bare FTS5
 * table, so results read as memkit's overhead.
 */
package dev.memkit.bench.sqlite;
