/**
 * Outbound ports: what a store, a token counter and an embedding model must do. Store modules
 * implement these; {@link dev.memkit.core.port.out.StoreProvider} is how the core finds them.
 */
package dev.memkit.core.port.out;
