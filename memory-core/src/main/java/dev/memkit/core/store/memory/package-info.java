/**
 * The {@code mem:} store: every store port held in memory, for tests and embedding without
 * persistence.
 */
package dev.memkit.core.store.memory;
