package dev.memkit.http;

import dev.memkit.core.Memkit;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.port.out.Observer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The core's {@link Observer} as Micrometer meters: store operations, searches, group-commit sizes,
 * recoveries, the backups taken, and the backups held. The observer exists before the store opens
 * (so a recovery on open is counted) and is bound to the registry once the server's context is up;
 * store events before that are not timed.
 *
 * <p>Meters (Prometheus names): {@code memkit_store_operations_seconds{operation,outcome}}, {@code
 * memkit_search_seconds{mode}}, {@code memkit_store_batch_units{store}}, {@code
 * memkit_store_recoveries_total{store,event}}, {@code memkit_backup_taken_seconds{store}}, {@code
 * memkit_backups}, {@code memkit_backup_age_seconds}.
 */
final class MeteredObserver implements Observer {
  private static final Duration BACKUP_LIST_CACHE = Duration.ofSeconds(5);
  private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};

  private final Map<String, AtomicLong> recoveries = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, DistributionSummary> batches = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile MeterRegistry registry;
  private volatile Memkit memkit;
  private volatile List<BackupInfo> backups = List.of();
  private volatile long backupsListedAt = Long.MIN_VALUE;

  MeteredObserver(Clock clock) {
    this.clock = clock;
  }

  /** Starts recording into {@code meters}, with the backup gauges of {@code store}. */
  void bind(MeterRegistry meters, Memkit store) {
    this.memkit = store;
    recoveries.forEach((key, count) -> registerRecoveries(meters, key, count));
    Gauge.builder("memkit.backups", this, o -> o.backups().size())
        .description("Backups the store holds")
        .register(meters);
    Gauge.builder("memkit.backup.age", this, MeteredObserver::newestBackupAgeSeconds)
        .description("Seconds since the newest backup was taken (NaN when there is none)")
        .baseUnit("seconds")
        .register(meters);
    this.registry = meters;
  }

  @Override
  public void storeOperation(String operation, boolean failed, long nanos) {
    MeterRegistry meters = registry;
    if (meters != null) {
      String outcome = failed ? "error" : "ok";
      timers
          .computeIfAbsent(
              operation + "\n" + outcome,
              k ->
                  Timer.builder("memkit.store.operations")
                      .description("Store reads and writes, waiting for the writer included")
                      .tag("operation", operation)
                      .tag("outcome", outcome)
                      .publishPercentileHistogram()
                      .register(meters))
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void searched(String mode, int hits, long nanos) {
    MeterRegistry meters = registry;
    if (meters != null) {
      timers
          .computeIfAbsent(
              "search\n" + mode,
              k ->
                  Timer.builder("memkit.search")
                      .description("Searches of the memory log")
                      .tag("mode", mode)
                      .publishPercentileHistogram()
                      .register(meters))
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void batchCommitted(String store, int units) {
    MeterRegistry meters = registry;
    if (meters != null) {
      batches
          .computeIfAbsent(
              store,
              k ->
                  DistributionSummary.builder("memkit.store.batch.units")
                      .description("Units of work committed together (group commit)")
                      .tag("store", store)
                      .serviceLevelObjectives(BATCH_BUCKETS)
                      .register(meters))
          .record(units);
    }
  }

  @Override
  public void backupTaken(String store, long bytes, long nanos) {
    MeterRegistry meters = registry;
    if (meters != null) {
      timers
          .computeIfAbsent(
              "backup\n" + store,
              k ->
                  Timer.builder("memkit.backup.taken")
                      .description(
                          "Backups taken by the store, asked for or automatic, and how long each took")
                      .tag("store", store)
                      .register(meters))
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void recovered(String store, String event) {
    String key = store + "\n" + event;
    AtomicLong created = new AtomicLong();
    AtomicLong count = recoveries.computeIfAbsent(key, k -> created);
    count.incrementAndGet();
    MeterRegistry meters = registry;
    if (count == created && meters != null) {
      registerRecoveries(meters, key, count);
    }
  }

  private static void registerRecoveries(MeterRegistry meters, String key, AtomicLong count) {
    int cut = key.indexOf('\n');
    FunctionCounter.builder("memkit.store.recoveries", count, AtomicLong::doubleValue)
        .description("What stores repaired when they opened")
        .tag("store", key.substring(0, cut))
        .tag("event", key.substring(cut + 1))
        .register(meters);
  }

  private List<BackupInfo> backups() {
    long now = System.nanoTime();
    Memkit store = memkit;
    if (store != null
        && (backupsListedAt == Long.MIN_VALUE
            || now - backupsListedAt > BACKUP_LIST_CACHE.toNanos())) {
      try {
        backups = store.backups(Actor.of("metrics")).list();
      } catch (RuntimeException e) {
        // the store is closing or unreadable: keep the last list; the request log and /health tell
        // the rest
      }
      backupsListedAt = now;
    }
    return backups;
  }

  private double newestBackupAgeSeconds() {
    List<BackupInfo> held = backups();
    if (held.isEmpty()) {
      return Double.NaN;
    }
    return Duration.between(held.get(0).createdAt(), clock.instant()).toMillis() / 1000.0;
  }
}
