/**
 * Benchmarks of the JSON-file store: write latency as the store grows (1k, 10k, 100k memories),
 * sixteen concurrent writers, search, and the time to open (and recover) a store of 100k memories.
 * The store is opened by its {@code json:} URI, so it must be on the class path when they run.
 */
package dev.memkit.bench.json;
