/**
 * memkit's domain: namespaces, state, memories, goals, audit entries and their value types. Every
 * value checks its own limits when built (see {@link dev.memkit.core.model.Limits}).
 */
package dev.memkit.core.model;
