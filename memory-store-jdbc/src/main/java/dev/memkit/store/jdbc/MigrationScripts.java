package dev.memkit.store.jdbc;

import dev.memkit.core.error.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The numbered SQL scripts a store ships in its jar to bring a schema up to date. */
public final class MigrationScripts {
  private MigrationScripts() {}

  /** The text of the script at {@code path} among the resources of {@code owner}'s class loader. */
  public static String read(Class<?> owner, String path) {
    try (InputStream in = owner.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new StoreUnavailableException(
            "the migration " + path + " is missing from the memkit jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot read the migration " + path + ": " + e.getMessage(), e);
    }
  }
}
