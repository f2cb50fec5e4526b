package dev.memkit.http;

import dev.memkit.core.error.ValidationException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The server's settings, read from {@code MEMKIT_*} environment variables.
 *
 * @param store {@code MEMKIT_STORE}, default {@code sqlite:./data/memkit.db}
 * @param host {@code MEMKIT_HOST}; empty means all interfaces (loopback only without a key)
 * @param port {@code MEMKIT_PORT}, default 8080; 0 picks a free port
 * @param apiKey {@code MEMKIT_API_KEY}: one full-access key
 * @param keysFile {@code MEMKIT_KEYS_FILE}: a JSON file of hashed keys
 * @param publicUrl {@code MEMKIT_PUBLIC_URL}: the URL the OpenAPI document names as server
 * @param maxBody {@code MEMKIT_MAX_BODY}: largest request body in bytes, default 1 MiB
 * @param environment every variable, handed to the core for {@code MEMKIT_TOKENIZER} and {@code
 *     MEMKIT_BACKUP_KEEP}
 */
record ServerSettings(
    String store,
    Optional<String> host,
    int port,
    Optional<String> apiKey,
    Optional<Path> keysFile,
    Optional<String> publicUrl,
    long maxBody,
    Map<String, String> environment) {

  static final String DEFAULT_STORE = "sqlite:./data/memkit.db";
  static final int DEFAULT_PORT = 8080;
  static final long DEFAULT_MAX_BODY = 1024 * 1024;

  ServerSettings {
    environment = Map.copyOf(environment);
  }

  /**
   * Reads the settings from {@code env}.
   *
   * @throws ValidationException naming the variable when one is malformed
   */
  static ServerSettings from(Map<String, String> env) {
    return new ServerSettings(
        get(env, "MEMKIT_STORE").orElse(DEFAULT_STORE),
        get(env, "MEMKIT_HOST"),
        (int) number(env, "MEMKIT_PORT", DEFAULT_PORT, 0, 65_535),
        get(env, "MEMKIT_API_KEY"),
        get(env, "MEMKIT_KEYS_FILE").map(Path::of),
        get(env, "MEMKIT_PUBLIC_URL")
            .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u),
        number(env, "MEMKIT_MAX_BODY", DEFAULT_MAX_BODY, 1024, 1L << 30),
        env);
  }

  /** Whether any key is configured; without one the server is open and binds loopback only. */
  boolean authenticated() {
    return apiKey.isPresent() || keysFile.isPresent();
  }

  /** The environment for the core, without the key: nothing below the HTTP layer needs it. */
  Map<String, String> coreEnvironment() {
    Map<String, String> copy = new java.util.HashMap<>(environment);
    copy.remove("MEMKIT_API_KEY");
    return copy;
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "ServerSettings[store="
        + store
        + ", host="
        + host.orElse("*")
        + ", port="
        + port
        + ", apiKey="
        + (apiKey.isPresent() ? "(set)" : "(none)")
        + ", keysFile="
        + keysFile.map(Path::toString).orElse("(none)")
        + ", publicUrl="
        + publicUrl.orElse("(none)")
        + ", maxBody="
        + maxBody
        + "]";
  }

  private static Optional<String> get(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static long number(
      Map<String, String> env, String name, long fallback, long min, long max) {
    Optional<String> raw = get(env, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ValidationException(
        name, "must be a whole number from " + min + " to " + max + ", got '" + raw.get() + "'");
  }
}
