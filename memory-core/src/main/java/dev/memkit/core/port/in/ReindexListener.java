package dev.memkit.core.port.in;

/** Told how a foreground re-index advances; called on the re-indexing thread. */
@FunctionalInterface
public interface ReindexListener {
  /** {@code done} of {@code total} memories have a current vector. */
  void progress(long done, long total);
}
