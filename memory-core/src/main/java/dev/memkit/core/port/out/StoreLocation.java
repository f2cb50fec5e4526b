package dev.memkit.core.port.out;

import dev.memkit.core.error.ValidationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed store URI, {@code scheme:path[?name=value&...]}, e.g. {@code
 * sqlite:./data/memkit.db?synchronous=normal}, with the environment its settings fall back to.
 *
 * @param uri the URI as given
 * @param scheme the part before the first colon, lower case
 * @param path the part after it, up to {@code ?}
 * @param parameters the query parameters, decoded
 * @param environment the environment variables to read defaults from ({@code MEMKIT_*})
 * @param observer what the store reports group commits, backups and recoveries to
 */
public record StoreLocation(
    String uri,
    String scheme,
    String path,
    Map<String, String> parameters,
    Map<String, String> environment,
    Observer observer) {

  /** Copies the maps. */
  public StoreLocation {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(path, "path");
    parameters = Map.copyOf(parameters);
    environment = Map.copyOf(environment);
    Objects.requireNonNull(observer, "observer");
  }

  /** A location whose store reports to no {@link Observer}. */
  public StoreLocation(
      String uri,
      String scheme,
      String path,
      Map<String, String> parameters,
      Map<String, String> environment) {
    this(uri, scheme, path, parameters, environment, Observer.NONE);
  }

  /** This location with its store reporting to {@code newObserver}. */
  public StoreLocation withObserver(Observer newObserver) {
    return new StoreLocation(uri, scheme, path, parameters, environment, newObserver);
  }

  /**
   * Parses {@code uri}.
   *
   * @throws ValidationException (field {@code store}) when it has no {@code scheme:} prefix
   */
  public static StoreLocation parse(String uri, Map<String, String> environment) {
    if (uri == null || uri.isBlank()) {
      throw new ValidationException("store", "must be a store URI such as sqlite:./data/memkit.db");
    }
    int colon = uri.indexOf(':');
    if (colon <= 0 || !uri.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      throw new ValidationException(
          "store", "must start with a scheme such as sqlite:, json: or mem:, got '" + uri + "'");
    }
    String scheme = uri.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    String rest = uri.substring(colon + 1);
    Map<String, String> params = new LinkedHashMap<>();
    int q = rest.indexOf('?');
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        params.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
      rest = rest.substring(0, q);
    }
    return new StoreLocation(uri, scheme, rest, params, environment);
  }

  /**
   * The parameter {@code name}, else the environment variable {@code envName}, if either is set.
   */
  public Optional<String> setting(String name, String envName) {
    String value = parameters.get(name);
    if (value == null && envName != null) {
      value = environment.get(envName);
    }
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  /**
   * How many backups to keep: parameter {@code backup_keep}, else {@code MEMKIT_BACKUP_KEEP}, else
   * 20.
   *
   * @throws ValidationException when set to something other than a number from 1 to 10000
   */
  public int backupKeep() {
    return intSetting("backup_keep", "MEMKIT_BACKUP_KEEP", 20, 1, 10_000);
  }

  /** An integer setting within {@code [min, max]}, or {@code fallback} when unset. */
  public int intSetting(String name, String envName, int fallback, int min, int max) {
    Optional<String> raw = setting(name, envName);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get().trim());
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
