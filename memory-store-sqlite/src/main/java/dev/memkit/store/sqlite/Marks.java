package dev.memkit.store.sqlite;

import dev.memkit.store.jdbc.SqlConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The high-water marks of a database, kept outside it in {@code <file>.marks}: the highest memory
 * id, goal id and audit sequence any acknowledged write reached. The writer rewrites the file in
 * place after every commit and before it acknowledges the commit's writes, so the marks are never
 * behind what a caller was told. They let a store that opens on data older than that notice it (a
 * deleted or damaged {@code -wal} file, a restored backup) and never hand out an id again.
 *
 * <p>The file is one fixed-size line, {@code memkit-marks 1 memory=N goal=N audit=N}, padded with
 * spaces; it is written without its own fsync (a crash of the process keeps it, being in the
 * operating system's cache) and synced with every backup and on close.
 */
final class Marks implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Marks.class.getPackageName());
  private static final int SIZE = 128;
  private static final Pattern LINE =
      Pattern.compile("memkit-marks 1 memory=(\\d{1,18}) goal=(\\d{1,18}) audit=(\\d{1,18}) *\n?");

  /**
   * Counters of a database.
   *
   * @param memory the highest memory id handed out
   * @param goal the highest goal id handed out
   * @param audit the highest audit sequence written: one per write
   */
  record Counts(long memory, long goal, long audit) {
    static final Counts ZERO = new Counts(0, 0, 0);

    /** Each counter the higher of the two. */
    Counts max(Counts other) {
      return new Counts(
          Math.max(memory, other.memory), Math.max(goal, other.goal), Math.max(audit, other.audit));
    }

    /** Whether this database holds fewer writes than {@code other} says were made. */
    boolean behind(Counts other) {
      return audit < other.audit || memory < other.memory || goal < other.goal;
    }

    String describe() {
      return "audit sequence " + audit + ", memory id " + memory + ", goal id " + goal;
    }
  }

  private final Path path;
  private final FileChannel channel;
  private boolean warned;

  private Marks(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** Where the marks of database {@code file} are kept. */
  static Path pathOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".marks");
  }

  /**
   * The marks kept beside {@code file}; empty when there are none or they cannot be read (which is
   * logged).
   */
  static Optional<Counts> read(Path file) {
    Path p = pathOf(file);
    String text;
    try {
      text = new String(Files.readAllBytes(p), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read the high-water marks " + p + ": " + e);
      return Optional.empty();
    }
    Matcher m = LINE.matcher(text);
    if (!m.matches()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the high-water marks " + p + " are damaged and were ignored");
      return Optional.empty();
    }
    return Optional.of(
        new Counts(
            Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
  }

  /** The counters of the database open in {@code db}. */
  static Counts of(SqlConnection db) throws SQLException {
    try (var st = db.connection().createStatement();
        var rs =
            st.executeQuery(
                "SELECT coalesce((SELECT value FROM sequences WHERE name = 'memory'), 0),"
                    + " coalesce((SELECT value FROM sequences WHERE name = 'goal'), 0),"
                    + " coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0)")) {
      rs.next();
      return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
    }
  }

  /**
   * Raises the counters of the database open in {@code db} to at least {@code floor}, so no id or
   * audit sequence at or below it is handed out again; outside any transaction.
   */
  static void raise(SqlConnection db, Counts floor) throws SQLException {
    Counts now = of(db);
    if (!now.behind(floor)) {
      return;
    }
    Connections.inTransaction(
        db,
        () -> {
          db.execute(
              "UPDATE sequences SET value = max(value, ?) WHERE name = 'memory'", floor.memory());
          db.execute(
              "UPDATE sequences SET value = max(value, ?) WHERE name = 'goal'", floor.goal());
          if (floor.audit() > now.audit()) {
            db.execute("DELETE FROM sqlite_sequence WHERE name = 'audit'");
            db.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES ('audit', ?)", floor.audit());
          }
        });
  }

  /** Opens the marks of {@code file} for writing, creating them. */
  static Marks open(Path file) throws IOException {
    Path p = pathOf(file);
    return new Marks(
        p,
        FileChannel.open(
            p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  /**
   * Records the counters of the database open in {@code db}; a failure is logged once and otherwise
   * ignored.
   */
  void record(SqlConnection db) {
    try {
      write(of(db));
    } catch (SQLException | IOException e) {
      if (!warned) {
        warned = true;
        LOG.log(
            System.Logger.Level.WARNING,
            "cannot update the high-water marks "
                + path
                + ": "
                + e
                + "; a loss of recent writes after damage may go unnoticed");
      }
    }
  }

  /** Rewrites the marks in place with {@code counts}. */
  void write(Counts counts) throws IOException {
    String line =
        "memkit-marks 1 memory="
            + counts.memory()
            + " goal="
            + counts.goal()
            + " audit="
            + counts.audit();
    byte[] bytes =
        (line + " ".repeat(SIZE - 1 - line.length()) + "\n").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long at = 0;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
    if (channel.size() > SIZE) {
      channel.truncate(SIZE);
    }
  }

  /** Makes the marks durable. */
  void force() {
    try {
      channel.force(false);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot sync the high-water marks " + path + ": " + e);
    }
  }

  @Override
  public void close() {
    force();
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
