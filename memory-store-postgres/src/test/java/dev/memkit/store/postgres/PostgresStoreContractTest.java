package dev.memkit.store.postgres;

import dev.memkit.core.contract.StoreContractTest;
import java.nio.file.Path;

/**
 * The core's store contract, run against a real PostgreSQL: each test directory is its own schema.
 */
class PostgresStoreContractTest extends StoreContractTest {
  @Override
  protected String storeUri(Path directory) {
    return PostgresServer.get().uriFor(directory, "");
  }
}
