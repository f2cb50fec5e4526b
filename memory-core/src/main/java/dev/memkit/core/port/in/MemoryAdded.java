package dev.memkit.core.port.in;

import dev.memkit.core.model.Memory;

/**
 * The result of adding a memory.
 *
 * @param created false when the client key was already used and {@code memory} is the earlier one
 */
public record MemoryAdded(Memory memory, boolean created) {}
