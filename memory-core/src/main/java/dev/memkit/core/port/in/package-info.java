/**
 * Inbound ports: the use cases adapters call (HTTP, command line, an embedding program) and the
 * commands they take. Commands check their limits when built.
 */
package dev.memkit.core.port.in;
