package dev.memkit.store.sqlite;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.Space;
import dev.memkit.core.contract.WordTokenCounterProvider;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.SetState;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM writing to a store, for the tests that kill or race processes. Prints {@code ack
 * <id>} on its own line after each write has returned, i.e. after it was acknowledged.
 *
 * <pre>
 * loop  URI THREADS      write until killed
 * count URI N TAG        write N memories tagged TAG, then exit 0
 * state URI KEY TEXT     set the state KEY to the string TEXT, print {@code ack <version>}, exit 0
 * </pre>
 */
public final class StoreChild {
  private StoreChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out),
            false,
            StandardCharsets.UTF_8);
    MemkitOptions options =
        MemkitOptions.defaults()
            .withEnvironment(Map.of())
            .withTokenizer(WordTokenCounterProvider.ENCODING);
    try (Memkit memkit = Memkit.open(args[1], options)) {
      Space space = memkit.space();
      if (args[0].equals("loop")) {
        int threads = Integer.parseInt(args[2]);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          Thread th =
              new Thread(
                  () -> {
                    for (long i = 0; ; i++) {
                      long id =
                          space
                              .memories()
                              .add(
                                  AddMemory.of(
                                          "child write "
                                              + thread
                                              + "-"
                                              + i
                                              + " about deploys and backups")
                                      .withTags("child"))
                              .memory()
                              .id()
                              .value();
                      synchronized (out) {
                        out.print("ack " + id + "\n");
                        out.flush();
                      }
                    }
                  });
          th.start();
          all.add(th);
        }
        for (Thread th : all) {
          th.join();
        }
      } else if (args[0].equals("state")) {
        long version =
            space.state().set(SetState.of(StateKey.of(args[2]), JsonValue.of(args[3]))).version();
        out.print("ack " + version + "\n");
        out.flush();
      } else {
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
          long id =
              space
                  .memories()
                  .add(AddMemory.of("process " + args[3] + " write " + i).withTags(args[3]))
                  .memory()
                  .id()
                  .value();
          out.print("ack " + id + "\n");
          out.flush();
        }
      }
    }
  }

  /**
   * Starts this class in a new JVM with the test classpath; its standard error goes to {@code
   * errors}.
   */
  static Process launch(java.nio.file.Path errors, String... args) throws java.io.IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                StoreChild.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()))
        .start();
  }

  /** The ids a child acknowledged in {@code output}: complete lines only. */
  static List<Long> acknowledged(String output) {
    List<Long> ids = new ArrayList<>();
    int end = output.lastIndexOf('\n');
    if (end < 0) {
      return ids;
    }
    for (String line : output.substring(0, end).split("\n")) {
      if (line.startsWith("ack ")) {
        ids.add(Long.parseLong(line.substring(4).trim()));
      }
    }
    return ids;
  }
}
