/**
 * The record engine: every state entry, memory and goal of a store held in memory, with one BM25
 * index per namespace, id counters, an undo log per unit of work and the views the store ports ask
 * for. The {@code mem:} store is this engine alone; the {@code json:} store wraps it with a
 * journal, a snapshot file, backups and a directory lock. {@link
 * dev.memkit.core.store.engine.RecordEngine} is the entry point; {@link
 * dev.memkit.core.store.engine.CommitLog}, {@link dev.memkit.core.store.engine.AuditStorage} and
 * {@link dev.memkit.core.store.engine.RecordChanges} are what a store plugs into it.
 */
package dev.memkit.core.store.engine;
