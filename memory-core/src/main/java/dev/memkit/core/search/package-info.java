/**
 * Natural-language search shared by every store: word splitting as SQLite's unicode61 does it,
 * Porter stemming, stop words, query parsing that never fails, and an in-memory BM25 index.
 */
package dev.memkit.core.search;
