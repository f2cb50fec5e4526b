package dev.memkit.http;

import dev.memkit.core.model.Actor;
import dev.memkit.core.model.Namespace;
import java.util.List;

/**
 * Who is calling: the id of the key presented (never the key), its role and the namespaces it may
 * use. The first namespace pattern that names one namespace is its default.
 *
 * @param keyId the key's id, e.g. {@code ops}; {@code anonymous} on a server with no key
 * @param namespaces names, or patterns ending in {@code *} ({@code team-*}, {@code *} for all)
 */
record Caller(String keyId, Role role, List<String> namespaces, Namespace defaultNamespace) {
  /** The request attribute a caller is kept under. */
  static final String ATTRIBUTE = "memkit.caller";

  Caller {
    namespaces = List.copyOf(namespaces);
  }

  /** The caller of a server without keys: may do everything. */
  static Caller anonymous() {
    return new Caller("anonymous", Role.ADMIN, List.of("*"), Namespace.DEFAULT);
  }

  /** The audit log's name for this caller: {@code key:<id>}. */
  Actor actor() {
    return Actor.of("key:" + keyId);
  }

  /** Whether every namespace is open to this caller. */
  boolean allNamespaces() {
    return namespaces.contains("*");
  }

  /** Whether this caller may use {@code namespace}. */
  boolean mayUse(Namespace namespace) {
    for (String pattern : namespaces) {
      if (pattern.endsWith("*")
          ? namespace.value().startsWith(pattern.substring(0, pattern.length() - 1))
          : pattern.equals(namespace.value())) {
        return true;
      }
    }
    return false;
  }
}
