/**
 * Natural-language search shared by every store: word splitting as SQLite's unicode61 does it,
 * Porter stemming, stop words, query parsing that never fails, an in-memory BM25 index, and for
 * meaning: an int8 vector index with exact cosine and the fusion of keyword and semantic lists.
 */
package dev.memkit.core.search;
