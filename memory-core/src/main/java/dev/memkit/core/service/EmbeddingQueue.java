package dev.memkit.core.service;

import dev.memkit.core.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memories waiting to be embedded, in arrival order and each at most once, taken in batches; a
 * batch taken counts as pending until {@link #done} says it was embedded.
 */
final class EmbeddingQueue {
  /** One memory to embed. */
  record Job(Namespace namespace, long id) {}

  private final int batch;
  private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final Set<Job> queued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();

  EmbeddingQueue(int batch) {
    this.batch = batch;
  }

  /** Queues memory {@code id} unless it already waits. */
  void add(Namespace namespace, long id) {
    Job job = new Job(namespace, id);
    if (queued.add(job)) {
      queue.add(job);
    }
  }

  /**
   * Up to a batch of jobs, waiting up to 100 ms for the first when {@code wait}; they count as
   * pending until {@link #done}.
   */
  List<Job> take(boolean wait) throws InterruptedException {
    List<Job> jobs = new ArrayList<>(batch);
    Job first = wait ? queue.poll(100, TimeUnit.MILLISECONDS) : queue.poll();
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
