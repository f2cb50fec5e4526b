package dev.memkit.store.sqlite;

import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.store.jdbc.SqlConnection;
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
import java.util.Optional;

/**
 * The check on open: {@code PRAGMA quick_check}. A damaged file is moved aside (never deleted),
 * with its {@code -wal} and {@code -shm}, and the newest backup that passes the check is put in its
 * place; the log says what was recovered, from when, and what was lost. With no usable backup the
 * store does not open and the damaged file stays where it is.
 *
 * <p>A sound file is then compared with its high-water {@link Marks} and its backups: a file that
 * holds fewer writes than were acknowledged (its {@code -wal} deleted or damaged) is reported as an
 * error naming what was lost, and replaced by the newest good backup when that holds more.
 */
final class IntegrityRecovery {
  private static final System.Logger LOG =
      System.getLogger(IntegrityRecovery.class.getPackageName());
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private IntegrityRecovery() {}

  /**
   * What happened on open, for the log and for tests.
   *
   * @param recovered whether the file was replaced by a backup
   * @param message what was found and done; empty when all was well
   * @param floor the counters the store must continue above: the highest any write reached
   */
  record Outcome(boolean recovered, String message, Marks.Counts floor) {}

  static Outcome checkOrRecover(SqliteSettings settings, Clock clock) {
    Path file = settings.file();
    if (Files.isDirectory(file)) {
      throw new StoreUnavailableException(file + " is a directory, not an SQLite database file");
    }
    Marks.Counts acknowledged = Marks.read(file).orElse(Marks.Counts.ZERO);
    if (!Files.exists(file) || sizeOf(file) == 0) {
      if (acknowledged.audit() > 0) {
        String message =
            file
                + " is missing or empty, but writes up to "
                + acknowledged.describe()
                + " were acknowledged"
                + " (see "
                + Marks.pathOf(file)
                + "): starting an empty store; ids continue above the old ones."
                + " If the file was not removed on purpose, restore a backup from "
                + settings.backupDirectory()
                + ".";
        LOG.log(System.Logger.Level.ERROR, message);
        return new Outcome(false, message, acknowledged);
      }
      return new Outcome(false, "", acknowledged);
    }
    String problem = settings.checkOnOpen() ? problem(file, settings) : null;
    if (problem == null) {
      return checkNotBehind(settings, clock, acknowledged);
    }
    Path dir = settings.backupDirectory();
    Path chosen = null;
    List<String> skipped = new ArrayList<>();
    for (Path backup : SqliteBackups.files(dir)) {
      String backupProblem = problem(backup, settings);
      if (backupProblem == null) {
        chosen = backup;
        break;
      }
      skipped.add(SqliteBackups.idOf(backup) + " (" + backupProblem + ")");
    }
    if (chosen == null) {
      String message =
          file
              + " is damaged ("
              + problem
              + ") and no usable backup was found in "
              + dir
              + (skipped.isEmpty() ? "" : " (damaged too: " + String.join(", ", skipped) + ")")
              + ". The file was left in place: move it aside to start an empty store, or salvage it with the"
              + " sqlite3 shell's .recover command.";
      LOG.log(System.Logger.Level.ERROR, message);
      throw new StoreUnavailableException(message);
    }
    Marks.Counts restored = countsOf(chosen, settings).orElse(Marks.Counts.ZERO);
    Path aside = replaceWithBackup(file, chosen, clock, "it was damaged (" + problem + ")");
    Instant takenAt = SqliteBackups.createdAt(chosen);
    String message =
        "Recovered "
            + file
            + ": it was damaged ("
            + problem
            + "). Restored backup "
            + SqliteBackups.idOf(chosen)
            + " taken at "
            + takenAt
            + "; changes made after that time could not be recovered"
            + lost(restored, acknowledged)
            + (skipped.isEmpty() ? "" : "; skipped damaged backups " + String.join(", ", skipped))
            + ". The damaged file was moved to "
            + aside
            + ".";
    LOG.log(System.Logger.Level.WARNING, message);
    return new Outcome(true, message, acknowledged.max(restored));
  }

  /**
   * Checks that a sound file holds every write that was acknowledged (its high-water marks) and is
   * not older than the newest backup. A file behind its newest good backup is replaced by it;
   * either way a loss is logged as an error naming what was lost.
   */
  private static Outcome checkNotBehind(
      SqliteSettings settings, Clock clock, Marks.Counts acknowledged) {
    Path file = settings.file();
    Marks.Counts data = countsOf(file, settings).orElse(null);
    if (data == null) {
      return new Outcome(false, "", acknowledged);
    }
    Path newer = null;
    Marks.Counts newerCounts = null;
    for (Path backup : SqliteBackups.files(settings.backupDirectory())) {
      Optional<Marks.Counts> counts = countsOf(backup, settings);
      if (counts.isEmpty()) {
        continue;
      }
      if (!data.behind(counts.get())) {
        break; // older backups hold no more than this one
      }
      if (problem(backup, settings) == null) {
        newer = backup;
        newerCounts = counts.get();
        break;
      }
    }
    if (newer == null && !data.behind(acknowledged)) {
      return new Outcome(false, "", data.max(acknowledged));
    }
    String why = file + " holds writes only up to " + data.describe() + ", but ";
    if (newer == null) {
      String message =
          why
              + "writes up to "
              + acknowledged.describe()
              + " were acknowledged (see "
              + Marks.pathOf(file)
              + "): its write-ahead log "
              + file.getFileName()
              + "-wal was probably deleted or damaged."
              + lost(data, acknowledged)
              + " No backup holds them. The store starts with what the file holds;"
              + " ids continue above the lost ones.";
      LOG.log(System.Logger.Level.ERROR, message);
      return new Outcome(false, message, data.max(acknowledged));
    }
    Path aside =
        replaceWithBackup(
            file, newer, clock, "it is older than backup " + SqliteBackups.idOf(newer));
    String message =
        why
            + "backup "
            + SqliteBackups.idOf(newer)
            + " holds writes up to "
            + newerCounts.describe()
            + (newerCounts.behind(acknowledged)
                ? " and writes up to " + acknowledged.describe() + " were acknowledged"
                : "")
            + ": its write-ahead log "
            + file.getFileName()
            + "-wal was probably deleted or damaged. Recovered "
            + file
            + " from backup "
            + SqliteBackups.idOf(newer)
            + " taken at "
            + SqliteBackups.createdAt(newer)
            + "."
            + lost(newerCounts, acknowledged)
            + " The older file was moved to "
            + aside
            + ".";
    LOG.log(System.Logger.Level.ERROR, message);
    return new Outcome(true, message, data.max(acknowledged).max(newerCounts));
  }

  /**
   * What of {@code acknowledged} the data at {@code kept} lacks, as a sentence; empty when nothing.
   */
  private static String lost(Marks.Counts kept, Marks.Counts acknowledged) {
    if (!kept.behind(acknowledged)) {
      return "";
    }
    long writes = acknowledged.audit() - kept.audit();
    return " Lost: "
        + (writes > 0
            ? writes
                + " acknowledged write"
                + (writes == 1 ? "" : "s")
                + " (audit sequences "
                + (kept.audit() + 1)
                + " to "
                + acknowledged.audit()
                + ")"
            : "acknowledged writes")
        + (acknowledged.memory() > kept.memory()
            ? ", memory ids " + (kept.memory() + 1) + " to " + acknowledged.memory()
            : "")
        + (acknowledged.goal() > kept.goal()
            ? ", goal ids " + (kept.goal() + 1) + " to " + acknowledged.goal()
            : "")
        + ".";
  }

  /**
   * The counters of the database in {@code file}; empty when it has no memkit schema yet or cannot
   * be read.
   */
  static Optional<Marks.Counts> countsOf(Path file, SqliteSettings settings) {
    try (SqlConnection db = Connections.open(file, Connections.Role.PLAIN, settings)) {
      if (Migrations.version(db) == 0) {
        return Optional.empty();
      }
      return Optional.of(Marks.of(db));
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  /**
   * Moves {@code file} (and its {@code -wal}, {@code -shm}) aside and puts a copy of {@code backup}
   * in its place; the new name of the old file.
   */
  private static Path replaceWithBackup(Path file, Path backup, Clock clock, String why) {
    try {
      Path aside =
          file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(clock.instant()));
      for (int n = 2; Files.exists(aside); n++) {
        aside =
            file.resolveSibling(
                file.getFileName() + ".damaged-" + STAMP.format(clock.instant()) + "-" + n);
      }
      Files.move(file, aside);
      for (String suffix : List.of("-wal", "-shm")) {
        Path journal = file.resolveSibling(file.getFileName() + suffix);
        if (Files.exists(journal)) {
          Files.move(journal, aside.resolveSibling(aside.getFileName() + suffix));
        }
      }
      Path partial = file.resolveSibling(file.getFileName() + ".restoring");
      Files.copy(backup, partial, StandardCopyOption.REPLACE_EXISTING);
      SqliteBackups.force(partial);
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      SqliteBackups.forceDirectory(file.getParent());
      return aside;
    } catch (IOException e) {
      throw new StoreUnavailableException(
          file
              + ": "
              + why
              + ", and recovering it from backup "
              + SqliteBackups.idOf(backup)
              + " failed: "
              + e,
          e);
    }
  }

  /** What {@code quick_check} finds wrong with {@code file}, or null when it is sound. */
  static String problem(Path file, SqliteSettings settings) {
    try (SqlConnection db = Connections.open(file, Connections.Role.PLAIN, settings)) {
      return problem(db);
    } catch (SQLException e) {
      if (SqlFailure.causeOf(e) == SqlFailure.Cause.DAMAGED) {
        return e.getMessage();
      }
      throw SqlFailure.wrap(e, "check it for damage", file.toString());
    }
  }

  /**
   * What {@code quick_check} finds wrong with the database of {@code db}, or null when it is sound.
   */
  static String problem(SqlConnection db) throws SQLException {
    List<String> rows = new ArrayList<>();
    try {
      try (var st = db.connection().createStatement();
          var rs = st.executeQuery("PRAGMA quick_check(5)")) {
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
