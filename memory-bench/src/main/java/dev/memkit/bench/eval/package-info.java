/**
 * The retrieval-quality evaluation of search: a labelled set of conversational memories and
 * questions, scored as recall@5 and recall@10 for each search mode and hybrid weight.
 */
package dev.memkit.bench.eval;
