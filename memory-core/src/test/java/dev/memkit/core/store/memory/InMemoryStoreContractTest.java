package dev.memkit.core.store.memory;

import dev.memkit.core.contract.StoreContractTest;
import java.nio.file.Path;

/** The in-memory store against the store contract. */
class InMemoryStoreContractTest extends StoreContractTest {
  @Override
  protected String storeUri(Path directory) {
    return "mem:" + directory.getFileName();
  }

  @Override
  protected boolean persistent() {
    return false;
  }
}
