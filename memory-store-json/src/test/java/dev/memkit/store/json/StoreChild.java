package dev.memkit.store.json;

import dev.memkit.core.Memkit;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.port.in.AddMemory;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A separate process for the durability tests, started with this JVM's class path.
 *
 * <ul>
 *   <li>{@code write DIR THREADS}: adds memories from {@code THREADS} threads until killed,
 *       printing each id on its own line once its write has returned (so every printed id is
 *       acknowledged); compacts often, so kills land in compactions too.
 *   <li>{@code open DIR}: opens the store and prints {@code opened}, or prints the error and exits
 *       3.
 * </ul>
 */
public final class StoreChild {
  private StoreChild() {}

  public static void main(String[] args) throws Exception {
    String dir = args[1];
    PrintStream out = System.out;
    if (args[0].equals("open")) {
      try (Memkit memkit = Memkit.open("json:" + dir, TestStores.options())) {
        out.println("opened " + memkit.storeDescription());
        out.flush();
      } catch (StoreUnavailableException e) {
        out.println("error: " + e.getMessage());
        out.flush();
        System.exit(3);
      }
      return;
    }
    int threads = Integer.parseInt(args[2]);
    Memkit memkit = Memkit.open("json:" + dir + "?compact_bytes=8192", TestStores.options());
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread w =
          new Thread(
              () -> {
                for (int i = 0; ; i++) {
                  long id =
                      memkit
                          .space()
                          .memories()
                          .add(
                              AddMemory.of("child " + thread + " write " + i + " of the crash test")
                                  .withTags("crash", "t" + thread))
                          .memory()
                          .id()
                          .value();
                  synchronized (out) {
                    out.println(id);
                    out.flush();
                  }
                }
              });
      w.start();
      writers.add(w);
    }
    synchronized (out) {
      out.println("ready");
      out.flush();
    }
    for (Thread w : writers) {
      w.join();
    }
  }
}
