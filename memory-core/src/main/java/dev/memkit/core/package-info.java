/**
 * memkit's entry point for embedders: {@link dev.memkit.core.Memkit} opens a store by URI and hands
 * out a {@link dev.memkit.core.Space} of use cases per namespace.
 */
package dev.memkit.core;
