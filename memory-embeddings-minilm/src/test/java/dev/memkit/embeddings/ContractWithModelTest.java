package dev.memkit.embeddings;

import dev.memkit.core.MemkitOptions;
import dev.memkit.core.contract.StoreContractTest;
import dev.memkit.core.contract.WordTokenCounterProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * The store contract, unchanged, on SQLite with the model loaded and the indexer embedding every
 * write in the background, vectors stored, backfilled on each reopen and carried by restores. The
 * suite's search promises are the keyword ones (a query with no word in common finds nothing), so
 * the default mode here is keyword; what meaning adds is tested in {@link HybridSearchTest}.
 */
class ContractWithModelTest extends StoreContractTest {
  @Override
  protected String storeUri(Path dir) {
    return "sqlite:" + dir.resolve("memkit.db");
  }

  @Override
  protected MemkitOptions options() {
    return MemkitOptions.defaults()
        .withEnvironment(
            Map.of("MEMKIT_EMBEDDER", MiniLmEmbedderProvider.NAME, "MEMKIT_SEARCH_MODE", "keyword"))
        .withTokenizer(WordTokenCounterProvider.ENCODING);
  }
}
