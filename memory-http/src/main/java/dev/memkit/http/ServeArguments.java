package dev.memkit.http;

import java.util.HashMap;
import java.util.Map;

/**
 * The command line of {@code memkit serve}: {@code --port}, {@code --host} and {@code --store}
 * override {@code MEMKIT_PORT}, {@code MEMKIT_HOST} and {@code MEMKIT_STORE}; {@code --help} prints
 * {@link #USAGE}. Each option takes its value as the next argument or after {@code =}.
 *
 * @param overrides the environment variables the options set
 * @param help whether {@code --help} (or {@code -h}) was given
 */
record ServeArguments(Map<String, String> overrides, boolean help) {
  /** What {@code --help} prints. */
  static final String USAGE =
      """
      Usage: memkit serve [--port PORT] [--host HOST] [--store URI] [--help]
      Serves memkit's HTTP API. Each option overrides its environment variable.
        --port PORT   TCP port, 0 picks a free one (MEMKIT_PORT, default 8080)
        --host HOST   address to bind (MEMKIT_HOST, default all interfaces;
                      127.0.0.1 only when no API key is configured)
        --store URI   sqlite:PATH, json:DIR or mem: (MEMKIT_STORE,
                      default sqlite:./data/memkit.db)
        -h, --help    show this help and exit
      Keys and other settings come from the environment: MEMKIT_API_KEY or
      MEMKIT_KEYS_FILE, MEMKIT_PUBLIC_URL, MEMKIT_MAX_BODY... (docs/configuration.md).
      """;

  private static final Map<String, String> OPTIONS =
      Map.of("--port", "MEMKIT_PORT", "--host", "MEMKIT_HOST", "--store", "MEMKIT_STORE");

  ServeArguments {
    overrides = Map.copyOf(overrides);
  }

  /** A command line that cannot be understood; the message says why. */
  static final class UsageError extends IllegalArgumentException {
    UsageError(String message) {
      super(message);
    }
  }

  /**
   * Reads {@code args}.
   *
   * @throws UsageError for an unknown option, a missing or empty value, a port that is not one, a
   *     repeated option or a positional argument
   */
  static ServeArguments parse(String... args) {
    Map<String, String> overrides = new HashMap<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq > 0 && arg.startsWith("--") ? arg.substring(0, eq) : arg;
      String variable = OPTIONS.get(name);
      if (variable == null) {
        throw new UsageError(
            arg.startsWith("-")
                ? "unknown option '" + clip(name) + "'"
                : "unexpected argument '" + clip(arg) + "' (serve takes options only)");
      }
      String value;
      if (eq > 0 && arg.startsWith("--")) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageError(name + " needs a value");
      }
      if (value.isBlank()) {
        throw new UsageError(name + " needs a value");
      }
      if (name.equals("--port") && !value.matches("[0-9]{1,5}")
          || name.equals("--port") && Integer.parseInt(value) > 65_535) {
        throw new UsageError(
            "--port must be a whole number from 0 to 65535, got '" + clip(value) + "'");
      }
      if (overrides.put(variable, value) != null) {
        throw new UsageError(name + " is given twice");
      }
    }
    return new ServeArguments(overrides, help);
  }

  /** {@code environment} with the options applied over it. */
  Map<String, String> applyTo(Map<String, String> environment) {
    Map<String, String> all = new HashMap<>(environment);
    all.putAll(overrides);
    return all;
  }

  private static String clip(String s) {
    return Problem.clip(s.length() > 80 ? s.substring(0, 80) : s);
  }
}
