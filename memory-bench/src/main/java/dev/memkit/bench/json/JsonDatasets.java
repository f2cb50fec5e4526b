package dev.memkit.bench.json;

import dev.memkit.bench.data.ZipfText;
import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.Space;
import dev.memkit.core.port.in.AddMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The stores the benchmarks start from, built once per size through memkit itself (so every memory
 * has its audit entry) and kept under {@code memkit.bench.data} (default {@code
 * target/bench-data}); each trial works on a scratch copy.
 *
 * <ul>
 *   <li>{@link #compacted}: {@code json-N/}, closed cleanly, everything in {@code memory.json};
 *   <li>{@link #journalOnly}: {@code json-journal-N/}, the files as a killed process leaves them
 *       when no compaction ran: an empty {@code memory.json} and every write in the journal.
 * </ul>
 */
final class JsonDatasets {
  static final long SEED = 20261121L;

  private JsonDatasets() {}

  static Path directory() {
    return Path.of(System.getProperty("memkit.bench.data", "target/bench-data")).toAbsolutePath();
  }

  static MemkitOptions options() {
    return MemkitOptions.defaults().withEnvironment(Map.of());
  }

  /** Builds the data sets of every size given (default 1000 10000 100000) ahead of a run. */
  public static void main(String[] args) {
    List<String> sizes = args.length == 0 ? List.of("1000", "10000", "100000") : List.of(args);
    for (String size : sizes) {
      System.out.println(compacted(Integer.parseInt(size)));
    }
    System.out.println(journalOnly(100_000));
  }

  private static void fill(Memkit memkit, int size) {
    Space space = memkit.space();
    ZipfText text = ZipfText.seeded(SEED);
    for (int i = 0; i < size; i++) {
      space
          .memories()
          .add(AddMemory.of(text.memory()).withTags(text.tags().toArray(new String[0])));
    }
  }

  static synchronized Path compacted(int size) {
    Path dir = directory().resolve("json-" + size);
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path partial = directory().resolve("json-" + size + ".partial");
    delete(partial);
    // fsync=never only while building: the data set is a starting point, not what is measured.
    // compact_factor=1: compactions as often as the store allows, so the journal left is short.
    try (Memkit memkit =
        Memkit.open("json:" + partial + "?fsync=never&compact_factor=1", options())) {
      fill(memkit, size);
    }
    move(partial, dir);
    return dir;
  }

  static synchronized Path journalOnly(int size) {
    Path dir = directory().resolve("json-journal-" + size);
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path partial = directory().resolve("json-journal-" + size + ".partial");
    Path building = directory().resolve("json-journal-" + size + ".building");
    delete(partial);
    delete(building);
    try (Memkit memkit =
        Memkit.open(
            "json:" + building + "?fsync=never&compact_bytes=" + Integer.MAX_VALUE, options())) {
      fill(memkit, size);
      // Every write has returned, so the files now are what a kill -9 would leave.
      copy(building, partial);
    }
    delete(building);
    move(partial, dir);
    return dir;
  }

  /** A copy of data set {@code source} to work on, without its lock file and backups. */
  static Path scratchCopy(Path source, String name) {
    Path copy = source.resolveSibling(name);
    delete(copy);
    copy(source, copy);
    return copy;
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to);
      try (Stream<Path> files = Files.list(from)) {
        for (Path f : files.toList()) {
          String name = f.getFileName().toString();
          // backups are not what is measured; leaving them out keeps the copies small
          if (!name.equals("memory.lock") && !name.startsWith("memory_backup_")) {
            Files.copy(f, to.resolve(f.getFileName()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
