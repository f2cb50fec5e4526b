package dev.memkit.http;

import dev.memkit.core.error.ValidationException;
import java.util.Locale;

/**
 * What a key may do: {@code read} reads, {@code write} also changes data, {@code admin} also backs
 * up, restores, imports and sees every namespace.
 */
enum Role {
  READ,
  WRITE,
  ADMIN;

  /** Whether this role grants at least {@code needed}. */
  boolean allows(Role needed) {
    return compareTo(needed) >= 0;
  }

  static Role parse(String text, String field) {
    for (Role r : values()) {
      if (r.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return r;
      }
    }
    throw new ValidationException(field, "must be one of read, write, admin: '" + text + "'");
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
