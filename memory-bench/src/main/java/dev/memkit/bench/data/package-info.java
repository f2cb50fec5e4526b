/**
 * Deterministic, realistic test text shared by every benchmark: {@link
 * dev.memkit.bench.data.ZipfText} writes memories, tags and questions whose words follow a Zipf
 * distribution.
 */
package dev.memkit.bench.data;
