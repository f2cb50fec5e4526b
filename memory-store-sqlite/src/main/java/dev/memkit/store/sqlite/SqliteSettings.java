package dev.memkit.store.sqlite;

import dev.memkit.core.error.ValidationException;
import dev.memkit.core.port.out.StoreLocation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one SQLite store, read from its URI {@code
 * sqlite:PATH[?synchronous=normal|full&busy_timeout=MS&readers=N&integrity_check=auto|quick|off
 * &backup_keep=N&backup_every_writes=N&backup_interval=DURATION]}.
 *
 * @param file the database file, absolute
 * @param fullSync {@code synchronous=FULL} (survives power loss) rather than {@code NORMAL}
 * @param busyTimeoutMillis how long a connection waits for another one's lock
 * @param readers most reader connections open at once
 * @param checkOnOpen whether this open runs {@code PRAGMA quick_check}: decided from {@code
 *     integrityCheck} and the file by {@link #forOpening()}
 * @param backupKeep how many backups to keep
 * @param backupEveryWrites take an automatic backup after this many writes (0: never)
 * @param backupInterval take an automatic backup this long after the last one when anything was
 *     written since (empty: never)
 * @param integrityCheck when to check the file on open ({@code integrity_check})
 */
record SqliteSettings(
    Path file,
    boolean fullSync,
    int busyTimeoutMillis,
    int readers,
    boolean checkOnOpen,
    int backupKeep,
    int backupEveryWrites,
    Optional<Duration> backupInterval,
    IntegrityCheck integrityCheck,
    boolean backgroundCheckpoints) {

  /** When the store checks the file for damage on open. */
  enum IntegrityCheck {
    /**
     * When the last process using the file did not close it (its {@code -wal} or {@code -journal}
     * is there), or it fails to open.
     */
    AUTO,
    /** On every open. */
    QUICK,
    /** Never. */
    OFF
  }

  static final Set<String> PARAMETERS =
      Set.of(
          "synchronous",
          "busy_timeout",
          "readers",
          "integrity_check",
          "backup_keep",
          "backup_every_writes",
          "backup_interval",
          "checkpoint");

  /** Reads the settings of {@code location}, rejecting unknown or malformed parameters. */
  static SqliteSettings of(StoreLocation location) {
    for (String name : location.parameters().keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new ValidationException(
            "store",
            "has unknown parameter '"
                + name
                + "'; the sqlite store knows "
                + String.join(", ", new java.util.TreeSet<>(PARAMETERS)));
      }
    }
    String raw = location.path();
    if (raw.isBlank()) {
      throw new ValidationException(
          "store", "must name a database file, e.g. sqlite:./data/memkit.db");
    }
    if (raw.equals(":memory:")) {
      throw new ValidationException(
          "store", "sqlite: needs a file; use mem: for a store held in memory");
    }
    Path file;
    try {
      file = Path.of(raw).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ValidationException(
          "store", "has an invalid file path '" + raw + "': " + e.getReason());
    }
    String sync =
        location.setting("synchronous", null).orElse("full").trim().toLowerCase(Locale.ROOT);
    if (!sync.equals("full") && !sync.equals("normal")) {
      throw new ValidationException("synchronous", "must be full or normal, got '" + sync + "'");
    }
    String check =
        location.setting("integrity_check", null).orElse("auto").trim().toLowerCase(Locale.ROOT);
    IntegrityCheck integrityCheck =
        switch (check) {
          case "auto" -> IntegrityCheck.AUTO;
          case "quick" -> IntegrityCheck.QUICK;
          case "off" -> IntegrityCheck.OFF;
          default ->
              throw new ValidationException(
                  "integrity_check", "must be auto, quick or off, got '" + check + "'");
        };
    String checkpoint =
        location.setting("checkpoint", null).orElse("background").trim().toLowerCase(Locale.ROOT);
    if (!checkpoint.equals("background") && !checkpoint.equals("writer")) {
      throw new ValidationException(
          "checkpoint", "must be background or writer, got '" + checkpoint + "'");
    }
    return new SqliteSettings(
        file,
        sync.equals("full"),
        location.intSetting("busy_timeout", null, 10_000, 0, 600_000),
        location.intSetting("readers", null, 4, 1, 64),
        integrityCheck == IntegrityCheck.QUICK,
        location.backupKeep(),
        location.intSetting(
            "backup_every_writes", "MEMKIT_BACKUP_EVERY_WRITES", 1000, 0, Integer.MAX_VALUE),
        interval(location.setting("backup_interval", "MEMKIT_BACKUP_INTERVAL").orElse("1h")),
        integrityCheck,
        checkpoint.equals("background"));
  }

  /**
   * These settings for opening the file now: with {@code auto}, the check runs when the last
   * process did not close the file cleanly.
   */
  SqliteSettings forOpening() {
    boolean check =
        switch (integrityCheck) {
          case QUICK -> true;
          case OFF -> false;
          case AUTO -> IntegrityRecovery.notClosedCleanly(file);
        };
    return check == checkOnOpen ? this : withCheckOnOpen(check);
  }

  /** These settings with the check on open on or off. */
  SqliteSettings withCheckOnOpen(boolean check) {
    return new SqliteSettings(
        file,
        fullSync,
        busyTimeoutMillis,
        readers,
        check,
        backupKeep,
        backupEveryWrites,
        backupInterval,
        integrityCheck,
        backgroundCheckpoints);
  }

  /**
   * {@code off} or {@code 0}: none; {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}; or ISO-8601
   * {@code PT1H}.
   */
  static Optional<Duration> interval(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("off") || t.equals("0") || t.equals("never")) {
      return Optional.empty();
    }
    Duration d = null;
    try {
      if (t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.matches("\\d{1,9}[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        d =
            switch (t.charAt(t.length() - 1)) {
              case 's' -> Duration.ofSeconds(n);
              case 'm' -> Duration.ofMinutes(n);
              case 'h' -> Duration.ofHours(n);
              default -> Duration.ofDays(n);
            };
      }
    } catch (DateTimeParseException e) {
      d = null;
    }
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ValidationException(
          "backup_interval",
          "must be off, a number with s, m, h or d (e.g. 30m), or an ISO-8601 duration (e.g. PT1H), got '"
              + text
              + "'");
    }
    return Optional.of(d);
  }

  /** The directory backups are kept in: {@code <file name>.backups} beside the file. */
  Path backupDirectory() {
    return file.resolveSibling(file.getFileName() + ".backups");
  }

  /** How the store names itself, {@code sqlite:/abs/path.db}. */
  String description() {
    return "sqlite:" + file;
  }
}
