package dev.memkit.store.jdbc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the SQL stores name a backup: {@code <yyyyMMdd'T'HHmmssSSS'Z'>-<reason>}, the time it was
 * taken (UTC, to the millisecond) and its reason as a slug, so that ids sort by time.
 */
public final class BackupIds {
  /** The time part of an id. */
  public static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private BackupIds() {}

  /** The id of a backup taken at {@code at} for {@code reason}. */
  public static String of(Instant at, String reason) {
    return STAMP.format(at) + "-" + reasonSlug(reason);
  }

  /**
   * {@code reason} as it can appear in an id (and a file name): lower case letters, digits and
   * dashes, at most 40 characters; {@code backup} when nothing of it is left.
   */
  public static String reasonSlug(String reason) {
    String slug =
        reason == null
            ? ""
            : reason
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("^-+|-+$", "");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "backup" : slug;
  }
}
