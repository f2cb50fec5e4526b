package dev.memkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.memkit.core.model.Namespace;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EmbeddingQueueTest {
  private static final Namespace NS = Namespace.DEFAULT;

  @Test
  void aMemoryQueuedTwiceIsEmbeddedOnceAndCountsAsPendingUntilDone() throws Exception {
    EmbeddingQueue queue = new EmbeddingQueue(2);
    queue.add(NS, 1);
    queue.add(NS, 1);
    queue.add(NS, 2);
    queue.add(NS, 3);
    assertThat(queue.pending()).isEqualTo(3);

    List<EmbeddingQueue.Job> first = queue.take();
    assertThat(first).extracting(EmbeddingQueue.Job::id).containsExactly(1L, 2L);
    assertThat(queue.pending()).isEqualTo(3);
    queue.add(NS, 1); // changed again while being embedded: queued once more
    queue.done(first.size());
    assertThat(queue.pending()).isEqualTo(2);
    assertThat(queue.take()).extracting(EmbeddingQueue.Job::id).containsExactly(3L, 1L);
    assertThat(queue.idle()).isFalse();
    queue.done(2);
    assertThat(queue.idle()).isTrue();
    assertThat(queue.take()).isEmpty();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aSteadyStreamOfAddsCannotHoldTheIndexerBack() throws Exception {
    EmbeddingQueue queue = new EmbeddingQueue(32);
    AtomicBoolean adding = new AtomicBoolean(true);
    Thread writer =
        new Thread(
            () -> {
              long id = 0;
              while (adding.get()) {
                queue.add(NS, id++);
              }
            });
    writer.start();
    try {
      // returns although adds never pause: the wait is bounded
      assertThatCode(() -> queue.awaitPauseInAdds(() -> false)).doesNotThrowAnyException();
    } finally {
      adding.set(false);
      writer.join();
    }
    // the indexer's take: the first job waits for the pause, then the batch includes it, in order
    EmbeddingQueue fresh = new EmbeddingQueue(8);
    fresh.add(NS, 10);
    fresh.add(NS, 11);
    assertThat(fresh.takeAfterPause(() -> false))
        .extracting(EmbeddingQueue.Job::id)
        .containsExactly(10L, 11L);
    assertThat(fresh.pending()).isEqualTo(2);
    fresh.done(2);
    assertThat(fresh.idle()).isTrue();
    // and at once when told to stop
    queue.add(NS, -1);
    assertThatCode(() -> queue.awaitPauseInAdds(() -> true)).doesNotThrowAnyException();
  }
}
