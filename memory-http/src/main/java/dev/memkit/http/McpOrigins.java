package dev.memkit.http;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser origins may call {@code /mcp}: a request without an {@code Origin} header (MCP
 * clients that are programs send none), a page on this machine ({@code localhost}, {@code 127.*},
 * {@code [::1]}, e.g. the MCP Inspector), the origin of {@code MEMKIT_PUBLIC_URL}, and those listed
 * in {@code MEMKIT_MCP_ORIGINS} (comma-separated, e.g. {@code https://chatgpt.com}). Any other page
 * is refused, so a site that rebinds its name to this server's address cannot use it.
 */
final class McpOrigins {
  /** The variable listing more allowed origins. */
  static final String VARIABLE = "MEMKIT_MCP_ORIGINS";

  private final Set<String> allowed;

  private McpOrigins(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  static McpOrigins from(ServerSettings settings) {
    Set<String> allowed = new HashSet<>();
    settings.publicUrl().flatMap(McpOrigins::origin).ifPresent(allowed::add);
    String listed = settings.environment().get(VARIABLE);
    if (listed != null) {
      for (String o : listed.split(",")) {
        origin(o.trim()).ifPresent(allowed::add);
      }
    }
    return new McpOrigins(allowed);
  }

  /** Whether a request with {@code origin} (null: none) may proceed. */
  boolean allows(String origin) {
    if (origin == null) {
      return true;
    }
    Optional<String> normal = origin(origin.trim());
    if (normal.isEmpty()) {
      return false;
    }
    String host = URI.create(normal.get()).getHost();
    return allowed.contains(normal.get())
        || host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("[::1]");
  }

  /** {@code scheme://host[:port]} of {@code url}, lower-cased, if it is an http(s) URL. */
  private static Optional<String> origin(String url) {
    try {
      URI uri = URI.create(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(
          scheme
              + "://"
              + uri.getHost().toLowerCase(Locale.ROOT)
              + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
