package dev.memkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memkit.core.error.ValidationException;
import dev.memkit.core.model.Namespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys a server accepts, held only as SHA-256 hashes. A presented key is hashed and
 * compared with every known hash in constant time ({@link MessageDigest#isEqual}).
 *
 * <p>The keys file ({@code MEMKIT_KEYS_FILE}) is a JSON array:
 *
 * <pre>{@code
 * [{"id":"ops","sha256":"<64 hex digits>","role":"admin","namespaces":["*"]},
 *  {"id":"bot","sha256":"…","role":"write","namespaces":["assistant","team-*"]}]
 * }</pre>
 *
 * {@code namespaces} lists names or prefixes ending in {@code *}; the first plain name is the key's
 * default namespace ({@code default} when there is none).
 */
final class KeyRing {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private record Entry(byte[] sha256, Caller caller) {}

  private final List<Entry> entries;

  private KeyRing(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The ring of one admin key {@code default} that may use every namespace. */
  static KeyRing single(String apiKey) {
    return new KeyRing(
        List.of(
            new Entry(
                sha256(apiKey),
                new Caller("default", Role.ADMIN, List.of("*"), Namespace.DEFAULT))));
  }

  /**
   * Reads a keys file.
   *
   * @throws ValidationException (field {@code MEMKIT_KEYS_FILE…}) when it cannot be read or breaks
   *     a rule
   */
  static KeyRing read(Path file, ObjectMapper mapper) {
    String field = "MEMKIT_KEYS_FILE";
    JsonNode root;
    try {
      root = mapper.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ValidationException(
          field,
          "must name a readable JSON file: " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || !root.isArray() || root.isEmpty()) {
      throw new ValidationException(field, "must hold a non-empty JSON array of keys");
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    java.util.Map<String, String> idByHash = new java.util.HashMap<>();
    for (int i = 0; i < root.size(); i++) {
      String at = field + "[" + i + "]";
      JsonNode k = root.get(i);
      String id = k.path("id").asText("");
      if (!ID.matcher(id).matches() || !ids.add(id)) {
        throw new ValidationException(at + ".id", "must be a unique id matching " + ID.pattern());
      }
      String hex = k.path("sha256").asText("");
      if (!HEX.matcher(hex).matches()) {
        throw new ValidationException(
            at + ".sha256", "must be the 64 hex digits of the key's SHA-256");
      }
      String earlier = idByHash.putIfAbsent(hex.toLowerCase(java.util.Locale.ROOT), id);
      if (earlier != null) {
        throw new ValidationException(
            at + ".sha256",
            "is the same hash as key '"
                + earlier
                + "': keys '"
                + earlier
                + "' and '"
                + id
                + "' would be the same key; give each its own key");
      }
      Role role = Role.parse(k.path("role").asText(null), at + ".role");
      JsonNode ns = k.path("namespaces");
      List<String> patterns = new ArrayList<>();
      if (ns.isMissingNode() || ns.isNull()) {
        patterns.add(Namespace.DEFAULT.value());
      } else if (ns.isArray() && !ns.isEmpty()) {
        for (JsonNode n : ns) {
          String p = n.asText("");
          String name = p.endsWith("*") ? p.substring(0, p.length() - 1) : p;
          if (!p.equals("*") && !(p.endsWith("*") && name.matches("[a-z0-9._-]{1,63}"))) {
            Namespace.of(name);
          }
          patterns.add(p);
        }
      } else {
        throw new ValidationException(
            at + ".namespaces", "must be a non-empty array of namespaces or prefixes ending in *");
      }
      Namespace home =
          patterns.stream()
              .filter(p -> !p.endsWith("*"))
              .findFirst()
              .map(Namespace::of)
              .orElse(Namespace.DEFAULT);
      entries.add(
          new Entry(
              HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT)),
              new Caller(id, role, patterns, home)));
    }
    return new KeyRing(entries);
  }

  /**
   * The caller whose key is {@code presented}, if any; takes the same time whichever key matches.
   */
  Optional<Caller> authenticate(String presented) {
    byte[] hash = sha256(presented);
    Caller found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.sha256(), hash) && found == null) {
        found = e.caller();
      }
    }
    return Optional.ofNullable(found);
  }

  int size() {
    return entries.size();
  }

  /** The SHA-256 of {@code key}'s UTF-8 bytes. */
  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
