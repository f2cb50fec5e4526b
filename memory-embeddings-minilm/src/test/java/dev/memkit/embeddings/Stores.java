package dev.memkit.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.port.in.SearchStatus;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/** Opening SQLite stores with or without the model, and waiting (bounded) for the indexer. */
final class Stores {
  private Stores() {}

  static Memkit open(Path file, String embedder) {
    return Memkit.open("sqlite:" + file, options(embedder));
  }

  static MemkitOptions options(String embedder) {
    return MemkitOptions.defaults()
        .withEnvironment(Map.of("MEMKIT_EMBEDDER", embedder))
        .withTokenizer(WordTokenCounterProvider.ENCODING);
  }

  /** Waits until the model is ready and nothing waits to be embedded; fails after 60 s. */
  static SearchStatus awaitIndexed(Memkit memkit) throws InterruptedException {
    assertThat(memkit.awaitSearchReady(Duration.ofSeconds(60))).as("model ready").isTrue();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    SearchStatus status = memkit.searchStatus();
    while (status.pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      status = memkit.searchStatus();
    }
    assertThat(status.pending()).as("memories waiting to be embedded").isZero();
    return status;
  }

  /** How many vectors of {@code model} the SQLite file holds. */
  static long storedVectors(Path file, String model) throws SQLException {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var ps = c.prepareStatement("SELECT count(*) FROM memory_vectors WHERE model = ?")) {
      ps.setString(1, model);
      try (var rs = ps.executeQuery()) {
        return rs.getLong(1);
      }
    }
  }
}
