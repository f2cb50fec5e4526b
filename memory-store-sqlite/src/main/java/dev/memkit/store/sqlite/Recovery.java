package dev.memkit.store.sqlite;

import dev.memkit.core.error.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The check on open: {@code PRAGMA quick_check}. A damaged file is moved aside (never deleted),
 * with its {@code -wal} and {@code -shm}, and the newest backup that passes the check is put in its
 * place; the log says what was recovered, from when, and what was lost. With no usable backup the
 * store does not open and the damaged file stays where it is.
 */
final class Recovery {
  private static final System.Logger LOG = System.getLogger(Recovery.class.getPackageName());
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Recovery() {
  }

  /** What happened on open, for the log and for tests. */
  record Outcome(boolean recovered, String message) {
    static final Outcome HEALTHY = new Outcome(false, "");
  }

  static Outcome checkOrRecover(SqliteSettings settings, Clock clock) {
    Path file = settings.file();
    if (Files.isDirectory(file)) {
      throw new StoreUnavailableException(file + " is a directory, not an SQLite database file");
    }
    if (!settings.checkOnOpen() || !Files.exists(file) || sizeOf(file) == 0) {
      return Outcome.HEALTHY;
    }
    String problem = problem(file, settings);
    if (problem == null) {
      return Outcome.HEALTHY;
    }
    Path dir = settings.backupDirectory();
    Path chosen = null;
    List<String> skipped = new ArrayList<>();
    for (Path backup : BackupFiles.files(dir)) {
      String backupProblem = problem(backup, settings);
      if (backupProblem == null) {
        chosen = backup;
        break;
      }
      skipped.add(BackupFiles.idOf(backup) + " (" + backupProblem + ")");
    }
    if (chosen == null) {
      String message = file + " is damaged (" + problem + ") and no usable backup was found in " + dir
          + (skipped.isEmpty() ? "" : " (damaged too: " + String.join(", ", skipped) + ")")
          + ". The file was left in place: move it aside to start an empty store, or salvage it with the"
          + " sqlite3 shell's .recover command.";
      LOG.log(System.Logger.Level.ERROR, message);
      throw new StoreUnavailableException(message);
    }
    try {
      Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(clock.instant()));
      for (int n = 2; Files.exists(aside); n++) {
        aside = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(clock.instant()) + "-" + n);
      }
      Files.move(file, aside);
      for (String suffix : List.of("-wal", "-shm")) {
        Path journal = file.resolveSibling(file.getFileName() + suffix);
        if (Files.exists(journal)) {
          Files.move(journal, aside.resolveSibling(aside.getFileName() + suffix));
        }
      }
      Path partial = file.resolveSibling(file.getFileName() + ".restoring");
      Files.copy(chosen, partial, StandardCopyOption.REPLACE_EXISTING);
      BackupFiles.force(partial);
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      BackupFiles.forceDirectory(file.getParent());
      Instant takenAt = BackupFiles.createdAt(chosen);
      String message = "Recovered " + file + ": it was damaged (" + problem + "). Restored backup "
          + BackupFiles.idOf(chosen) + " taken at " + takenAt + "; changes made after that time could not be recovered"
          + (skipped.isEmpty() ? "" : "; skipped damaged backups " + String.join(", ", skipped))
          + ". The damaged file was moved to " + aside + ".";
      LOG.log(System.Logger.Level.WARNING, message);
      return new Outcome(true, message);
    } catch (IOException e) {
      throw new StoreUnavailableException(file + " is damaged (" + problem + ") and recovering it from backup "
          + BackupFiles.idOf(chosen) + " failed: " + e, e);
    }
  }

  /** What {@code quick_check} finds wrong with {@code file}, or null when it is sound. */
  static String problem(Path file, SqliteSettings settings) {
    try (Db db = Connections.open(file, Connections.Role.PLAIN, settings)) {
      return problem(db);
    } catch (SQLException e) {
      if (SqlFailure.causeOf(e) == SqlFailure.Cause.DAMAGED) {
        return e.getMessage();
      }
      throw SqlFailure.wrap(e, "check it for damage", file.toString());
    }
  }

  /** What {@code quick_check} finds wrong with the database of {@code db}, or null when it is sound. */
  static String problem(Db db) throws SQLException {
    List<String> rows = new ArrayList<>();
    try {
      try (var st = db.connection().createStatement(); var rs = st.executeQuery("PRAGMA quick_check(5)")) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      if (SqlFailure.causeOf(e) == SqlFailure.Cause.DAMAGED) {
        return e.getMessage();
      }
      throw e;
    }
    if (rows.size() == 1 && rows.get(0).equals("ok")) {
      return null;
    }
    return "quick_check: " + String.join("; ", rows).replace('\n', ' ');
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read " + file + ": " + e, e);
    }
  }

  /**
   * Whether the last process using {@code file} left its journal behind: it crashed or was killed
   * (or is still running). A clean close checkpoints the write-ahead log and deletes it.
   */
  static boolean notClosedCleanly(Path file) {
    return Files.exists(file.resolveSibling(file.getFileName() + "-wal"))
        || Files.exists(file.resolveSibling(file.getFileName() + "-journal"));
  }
}
