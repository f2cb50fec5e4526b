/** Benchmarks of the semantic side of search: the int8 vector index's exact scan. */
package dev.memkit.bench.vector;
