package dev.memkit.core.service;

import dev.memkit.core.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The memories waiting to be embedded, in arrival order and each at most once, taken in batches; a
 * batch taken counts as pending until {@link #done} says it was embedded.
 */
final class EmbeddingQueue {
  /** One memory to embed. */
  record Job(Namespace namespace, long id) {}

  /** How long adds must pause before the indexer embeds a batch. */
  static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /** The longest the indexer waits for that pause. */
  static final long MAX_DEFER_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final int batch;
  private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
  private final Set<Job> queued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile long lastAdd = System.nanoTime() - MAX_DEFER_NANOS;

  EmbeddingQueue(int batch) {
    this.batch = batch;
  }

  /** Queues memory {@code id} unless it already waits. */
  void add(Namespace namespace, long id) {
    lastAdd = System.nanoTime();
    Job job = new Job(namespace, id);
    if (queued.add(job)) {
      queue.add(job);
    }
  }

  /**
   * Up to a batch of the jobs waiting now, without waiting; they count as pending until {@link
   * #done}.
   */
  List<Job> take() {
    List<Job> jobs = new ArrayList<>(batch);
    Job first = queue.poll();
    if (first == null) {
      return jobs;
    }
    inFlight.incrementAndGet();
    jobs.add(first);
    queue.drainTo(jobs, batch - 1);
    inFlight.addAndGet(jobs.size() - 1);
    for (Job j : jobs) {
      queued.remove(j);
    }
    return jobs;
  }

  /**
   * Up to a batch of jobs for the background indexer: waits up to 100 ms for the first, then for a
   * pause in adds ({@link #awaitPauseInAdds}), then takes what has come meanwhile; they count as
   * pending until {@link #done}.
   */
  List<Job> takeAfterPause(BooleanSupplier stop) throws InterruptedException {
    Job first = queue.poll(100, TimeUnit.MILLISECONDS);
    if (first == null) {
      return List.of();
    }
    // still marked as queued, and counted as pending, while it waits outside the queue
    inFlight.incrementAndGet();
    try {
      awaitPauseInAdds(stop);
    } finally {
      queue.offerFirst(first);
      inFlight.decrementAndGet();
    }
    return take();
  }

  /**
   * Waits until nothing was added for {@link #QUIET_NANOS}, at most {@link #MAX_DEFER_NANOS}, or
   * until {@code stop} says so.
   */
  void awaitPauseInAdds(BooleanSupplier stop) throws InterruptedException {
    long start = System.nanoTime();
    while (!stop.getAsBoolean()
        && System.nanoTime() - lastAdd < QUIET_NANOS
        && System.nanoTime() - start < MAX_DEFER_NANOS) {
      Thread.sleep(1);
    }
  }

  /** Says {@code count} jobs taken are no longer pending. */
  void done(int count) {
    inFlight.addAndGet(-count);
  }

  /** How many memories wait or are being embedded. */
  long pending() {
    return queue.size() + (long) inFlight.get();
  }

  /** Whether nothing waits and nothing is being embedded. */
  boolean idle() {
    return queue.isEmpty() && inFlight.get() == 0;
  }

  /** Forgets every waiting job. */
  void clear() {
    queue.clear();
    queued.clear();
  }
}
