/**
 * Exact token counts with jtokkit, registered as a {@link
 * dev.memkit.core.port.out.TokenCounterProvider}.
 */
package dev.memkit.tokens;
