package dev.memkit.store.json;

import dev.memkit.core.error.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * {@code memory_audit.log}: one audit entry per line as compact JSON ({@code RecordJson.audit}:
 * sequence, at, namespace, actor, action, target, before, after, diff), oldest first, only ever
 * appended to. Lines reach it after their journal record is durable; at open, entries the journal
 * holds but the file lacks are appended again.
 */
final class AuditFile {
  static final String NAME = "memory_audit.log";

  private AuditFile() {}

  /** Appends {@code lines} to {@code file} and forces it to disk. */
  static void append(Path file, List<byte[]> lines) throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      for (byte[] line : lines) {
        ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n');
        buf.flip();
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
      ch.force(false);
    }
  }

  /**
   * Reads {@code file} into {@code trail}. A cut-short last line (the process died while appending
   * it) is moved aside; a damaged line elsewhere is skipped and reported, and stays in the file.
   */
  static void load(Path file, AuditTrail trail, List<String> report, Instant now)
      throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    long lineStart = 0;
    long offset = 0;
    int lineNo = 0;
    String lastProblem = null;
    long lastProblemStart = -1;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[1 << 16];
      ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
      int n;
      while ((n = in.read(chunk)) > 0) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] != '\n') {
            continue;
          }
          line.write(chunk, from, i - from);
          from = i + 1;
          lineNo++;
          byte[] bytes = line.toByteArray();
          line.reset();
          try {
            AuditTrail.Row row = AuditTrail.row(bytes);
            if (row.sequence() <= trail.lastSequence()) {
              throw new ValidationException(
                  "sequence", "must be greater than the line before's, got " + row.sequence());
            }
            if (lastProblem != null) {
              report.add(lastProblem + "; skipped, left in the file");
              lastProblem = null;
            }
            trail.add(row);
          } catch (ValidationException | IllegalArgumentException e) {
            if (lastProblem != null) {
              report.add(lastProblem + "; skipped, left in the file");
            }
            lastProblem =
                AuditFile.NAME + " line " + lineNo + " is damaged (" + e.getMessage() + ")";
            lastProblemStart = lineStart;
          }
          lineStart = offset + i + 1;
        }
        line.write(chunk, from, n - from);
        offset += n;
      }
      if (line.size() > 0 && lastProblem == null) {
        lastProblem = AuditFile.NAME + " ends with a cut-short line (" + line.size() + " bytes)";
        lastProblemStart = lineStart;
      } else if (line.size() > 0) {
        lastProblem += " and is followed by a cut-short line";
      }
    }
    if (lastProblem != null) {
      Path aside = DurableFiles.cutAside(file, lastProblemStart, now);
      report.add(
          lastProblem
              + "; its last "
              + (Files.size(aside))
              + " bytes were moved to "
              + aside.getFileName());
    }
  }
}
