/**
 * Importers of memories written by other tools: {@link dev.memkit.importer.MemoryImporter} reads a
 * file in an {@link dev.memkit.importer.ImportFormat} into the core's {@code AddMemory} commands,
 * each with a client key derived from its content, and stores them through {@code
 * MemoryUseCase.addAll} in one atomic write, so a second import of the same file adds nothing.
 */
package dev.memkit.importer;
