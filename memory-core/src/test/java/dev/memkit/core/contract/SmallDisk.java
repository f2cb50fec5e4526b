package dev.memkit.core.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small filesystem of its own for tests that fill a disk: a {@code tmpfs} of a few hundred KiB
 * mounted on a fresh directory. Mounting needs root and a sandbox that allows it; where it is not
 * allowed, {@link #mount} says why, so a test can skip with that reason instead of failing.
 */
public final class SmallDisk implements AutoCloseable {
  private final Path mountPoint;
  private final int kib;

  private SmallDisk(Path mountPoint, int kib) {
    this.mountPoint = mountPoint;
    this.kib = kib;
  }

  /**
   * Mounts a {@code tmpfs} of {@code kib} KiB on a new directory inside {@code parent}.
   *
   * @return the disk, or empty with the reason in {@code why[0]} when mounting is not possible here
   */
  public static Optional<SmallDisk> mount(Path parent, int kib, String[] why) {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      why[0] = "a tmpfs can only be mounted on Linux";
      return Optional.empty();
    }
    try {
      Path point = Files.createTempDirectory(parent, "small-disk");
      Result r =
          run(
              List.of(
                  "mount",
                  "-t",
                  "tmpfs",
                  "-o",
                  "size=" + kib + "k,mode=0777",
                  "tmpfs",
                  point.toString()));
      if (r.code != 0) {
        why[0] =
            "cannot mount a "
                + kib
                + " KiB tmpfs here (needs root and a sandbox that allows mount): "
                + r.output.strip();
        return Optional.empty();
      }
      return Optional.of(new SmallDisk(point, kib));
    } catch (IOException e) {
      why[0] = "cannot run mount: " + e.getMessage();
      return Optional.empty();
    }
  }

  /** The directory the small filesystem is mounted on. */
  public Path root() {
    return mountPoint;
  }

  /**
   * Fills what is left of the disk with a file named {@code name}, then gives back nothing: every
   * later write that needs a new block fails with "no space left".
   */
  public Path fill(String name) throws IOException {
    Path filler = mountPoint.resolve(name);
    byte[] block = new byte[4096];
    try (var out = Files.newOutputStream(filler)) {
      for (int i = 0;
          i <= kib / 4;
          i++) { // never more than the disk's size, should it be larger than asked
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      // the disk is full now
    }
    return filler;
  }

  /** Unmounts the filesystem (lazily, so a file still open does not keep it). */
  @Override
  public void close() throws IOException {
    run(List.of("umount", "-l", mountPoint.toString()));
    Files.deleteIfExists(mountPoint);
  }

  private record Result(int code, String output) {}

  private static Result run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, String.join(" ", command) + " did not finish within 20 s");
      }
      return new Result(
          p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
  }
}
