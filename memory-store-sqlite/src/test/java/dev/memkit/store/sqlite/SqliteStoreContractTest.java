package dev.memkit.store.sqlite;

import dev.memkit.core.contract.StoreContractTest;
import java.nio.file.Path;

/** The core's store contract, run against a real SQLite file. */
class SqliteStoreContractTest extends StoreContractTest {
  @Override
  protected String storeUri(Path directory) {
    return "sqlite:" + directory.resolve("data/memkit.db");
  }
}
