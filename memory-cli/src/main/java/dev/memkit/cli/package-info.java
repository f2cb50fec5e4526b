/**
 * {@code memkit}, the command line: picocli commands that work the same on a local store (opened by
 * URI through the core) and on a remote server (its {@code /v1} API), behind one {@link
 * dev.memkit.cli.MemkitCli} entry point.
 */
package dev.memkit.cli;
