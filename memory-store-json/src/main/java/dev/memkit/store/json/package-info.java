/**
 * The {@code json:} store: human-readable files in one directory, a checksummed journal with group
 * commit, an in-memory BM25 index. {@link dev.memkit.store.json.JsonStoreProvider} is the only
 * public type; the core finds it with {@link java.util.ServiceLoader}.
 */
package dev.memkit.store.json;
