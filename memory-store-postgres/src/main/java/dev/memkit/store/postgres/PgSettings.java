package dev.memkit.store.postgres;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.port.out.StoreLocation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The settings of one PostgreSQL store, read from its URI {@code
 * postgresql://[user[:password]@]host[:port][,host2[:port]…]/database[?name=value&…]} or {@code
 * jdbc:postgresql://host[:port]/database[?user=…&password=…&…]}.
 *
 * @param hosts the host list as written, e.g. {@code db1:5432,db2:5432}
 * @param database the database name
 * @param user the role to connect as
 * @param password its password, if any
 * @param schema the schema holding memkit's tables, a plain lower-case identifier
 * @param language the snowball stemmer's language, e.g. {@code english}
 * @param poolSize most connections this process opens
 * @param minIdle connections kept open while idle
 * @param connectTimeoutMillis how long to wait for a connection (from the pool or the server)
 * @param statementTimeoutMillis longest a statement may run (0: no limit)
 * @param idleTimeoutMillis how long an unused connection above {@code minIdle} is kept
 * @param maxLifetimeMillis how long a connection is used before it is replaced
 * @param retries how many times a unit of work is tried again after a transient failure
 * @param backupKeep how many backups to keep
 * @param driverProperties the driver's own settings passed through (TLS, application name…)
 */
record PgSettings(
    String hosts,
    String database,
    String user,
    Optional<String> password,
    String schema,
    String language,
    int poolSize,
    int minIdle,
    int connectTimeoutMillis,
    int statementTimeoutMillis,
    int idleTimeoutMillis,
    int maxLifetimeMillis,
    int retries,
    int backupKeep,
    Map<String, String> driverProperties) {

  /** Parameters memkit reads. */
  static final Set<String> PARAMETERS =
      Set.of(
          "user",
          "password",
          "schema",
          "language",
          "pool_size",
          "min_idle",
          "connect_timeout",
          "statement_timeout",
          "idle_timeout",
          "max_lifetime",
          "retries",
          "backup_keep");

  /** The driver's parameters passed through unchanged. */
  static final Set<String> DRIVER_PARAMETERS =
      Set.of(
          "sslmode",
          "sslrootcert",
          "sslcert",
          "sslkey",
          "application_name",
          "target_session_attrs");

  private static final Pattern HOSTS =
      Pattern.compile("[A-Za-z0-9.\\-\\[\\]:%]+(,[A-Za-z0-9.\\-\\[\\]:%]+)*");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,20}");

  /** Copies the map. */
  PgSettings {
    driverProperties = Map.copyOf(driverProperties);
  }

  /** Reads the settings of {@code location} ({@code postgresql:} or {@code jdbc:postgresql:}). */
  static PgSettings of(StoreLocation location) {
    for (String name : location.parameters().keySet()) {
      if (!PARAMETERS.contains(name) && !DRIVER_PARAMETERS.contains(name)) {
        Set<String> known = new TreeSet<>(PARAMETERS);
        known.addAll(DRIVER_PARAMETERS);
        throw new ValidationException(
            "store",
            "has unknown parameter '"
                + name
                + "'; the postgresql store knows "
                + String.join(", ", known));
      }
    }
    String rest = location.path();
    if (location.scheme().equals("jdbc")) {
      if (!rest.startsWith("postgresql:")) {
        throw new ValidationException(
            "store", "is a jdbc: URI for another database; memkit serves jdbc:postgresql://…");
      }
      rest = rest.substring("postgresql:".length());
    }
    if (!rest.startsWith("//")) {
      throw new ValidationException(
          "store",
          "must look like postgresql://user@host:5432/database, got '"
              + redacted(location.uri())
              + "'");
    }
    rest = rest.substring(2);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : decode(rest.substring(slash + 1));
    Optional<String> uriUser = Optional.empty();
    Optional<String> uriPassword = Optional.empty();
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String info = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = info.indexOf(':');
      uriUser =
          Optional.of(decode(colon < 0 ? info : info.substring(0, colon)))
              .filter(s -> !s.isEmpty());
      uriPassword = colon < 0 ? Optional.empty() : Optional.of(decode(info.substring(colon + 1)));
    }
    if (authority.isEmpty() || !HOSTS.matcher(authority).matches()) {
      throw new ValidationException(
          "store", "must name a host, e.g. postgresql://memkit@localhost:5432/memkit");
    }
    if (database.isEmpty() || database.contains("/")) {
      throw new ValidationException(
          "store",
          "must name a database after the host, e.g. postgresql://memkit@localhost:5432/memkit");
    }
    String user =
        uriUser
            .or(() -> location.setting("user", "PGUSER"))
            .orElse(System.getProperty("user.name", "postgres"));
    Optional<String> password =
        uriPassword
            .or(() -> location.setting("password", "MEMKIT_PG_PASSWORD"))
            .or(
                () ->
                    Optional.ofNullable(location.environment().get("PGPASSWORD"))
                        .filter(p -> !p.isEmpty()));
    String schema = location.setting("schema", "MEMKIT_PG_SCHEMA").orElse("memkit").trim();
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new ValidationException(
          "schema",
          "must be a lower-case identifier (letters, digits, _; at most 63), got '" + schema + "'");
    }
    String language =
        location
            .setting("language", "MEMKIT_PG_LANGUAGE")
            .orElse("english")
            .trim()
            .toLowerCase(Locale.ROOT);
    if (!LANGUAGE.matcher(language).matches()) {
      throw new ValidationException(
          "language",
          "must be the name of a snowball stemmer such as english or german, got '"
              + language
              + "'");
    }
    int poolSize = location.intSetting("pool_size", "MEMKIT_PG_POOL_SIZE", 10, 1, 500);
    int minIdle = location.intSetting("min_idle", null, 1, 0, poolSize);
    Map<String, String> driver = new LinkedHashMap<>();
    for (String name : DRIVER_PARAMETERS) {
      location.setting(name, null).ifPresent(v -> driver.put(name, v));
    }
    return new PgSettings(
        authority,
        database,
        user,
        password,
        schema,
        language,
        poolSize,
        minIdle,
        location.intSetting("connect_timeout", null, 5_000, 250, 600_000),
        location.intSetting("statement_timeout", null, 30_000, 0, 86_400_000),
        location.intSetting("idle_timeout", null, 600_000, 10_000, 86_400_000),
        location.intSetting("max_lifetime", null, 1_800_000, 30_000, 86_400_000),
        location.intSetting("retries", null, 5, 0, 50),
        location.backupKeep(),
        driver);
  }

  /** The JDBC URL, without credentials. */
  String jdbcUrl() {
    return "jdbc:postgresql://"
        + hosts
        + "/"
        + java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** How the store names itself: no password, ever. */
  String description() {
    return "postgresql://" + user + "@" + hosts + "/" + database + "?schema=" + schema;
  }

  /** {@code schema} quoted for SQL (it is a checked identifier; quoting is belt and braces). */
  String quotedSchema() {
    return '"' + schema + '"';
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** {@code uri} with any password replaced by {@code ***}. */
  static String redacted(String uri) {
    return uri.replaceAll("(//[^/:@]*:)[^@/]*@", "$1***@")
        .replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  @Override
  public String toString() {
    return "PgSettings[" + description() + "]";
  }
}
