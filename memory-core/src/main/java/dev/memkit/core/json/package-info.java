/** JSON values in plain Java, their writer and RFC 7386 merge patch; no JSON library needed. */
package dev.memkit.core.json;
