package dev.memkit.store.json;

import dev.memkit.core.contract.StoreContractTest;
import java.nio.file.Path;

/** The core's store contract, run against the {@code json:} store. */
class JsonStoreContractTest extends StoreContractTest {
  @Override
  protected String storeUri(Path directory) {
    return "json:" + directory.resolve("store");
  }
}
