/**
 * The {@code json:} store: the core's record engine ({@code dev.memkit.core.store.engine}) wrapped
 * with human-readable files in one directory, a checksummed journal with group commit, backups and
 * a directory lock. {@link dev.memkit.store.json.JsonStoreProvider} is the only public type; the
 * core finds it with {@link java.util.ServiceLoader}. By job: {@code JsonStore} opens and closes,
 * {@code WritePipeline} and {@code JournalWriter} make writes durable ({@code JournalSegments} are
 * the journal's files), {@code Compaction} rewrites {@code memory.json} off the write path, {@code
 * JsonBackups} writes and restores backups ({@code SnapshotBackups} are their files), {@code
 * JournalReplay} recovers on open ({@code SegmentReplay} replays the journal, {@code ReplayBackups}
 * reads the backups for it, {@code RecoveryReport} words what it found).
 */
package dev.memkit.store.json;
