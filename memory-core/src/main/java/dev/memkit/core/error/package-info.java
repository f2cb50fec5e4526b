/**
 * memkit's one unchecked root exception and its subclasses: validation, not found, conflict, store
 * unavailable.
 */
package dev.memkit.core.error;
