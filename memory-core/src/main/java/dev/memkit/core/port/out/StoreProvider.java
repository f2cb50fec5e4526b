package dev.memkit.core.port.out;

/**
 * Opens stores of one URI scheme. Store modules register an implementation in {@code
 * META-INF/services/dev.memkit.core.port.out.StoreProvider}; {@link dev.memkit.core.Memkit} finds
 * it with {@link java.util.ServiceLoader}.
 */
public interface StoreProvider {
  /** The scheme this provider opens, e.g. {@code sqlite}, without the colon. */
  String scheme();

  /**
   * Opens (creating when absent) the store at {@code location}.
   *
   * @throws dev.memkit.core.error.StoreUnavailableException when it cannot be opened
   * @throws dev.memkit.core.error.ValidationException when the location is malformed
   */
  Store open(StoreLocation location);
}
