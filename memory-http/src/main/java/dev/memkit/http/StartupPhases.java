package dev.memkit.http;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * How long each phase of the server's start took, for the start log line ({@code started in 812 ms:
 * jvm 95, settings 12, store 210, …}) and the start-up benchmark. The first phase, {@code jvm}, is
 * from the Java virtual machine's start (the zero of its uptime: the launcher's few milliseconds
 * before are not counted) to the server's start method. The process start time the operating system
 * reports is not used: Linux gives the boot time in whole seconds, which shifted every figure by a
 * constant of up to a second.
 */
final class StartupPhases {
  private final List<String> names = new ArrayList<>();
  private final List<Long> millis = new ArrayList<>();
  private final long jvmStartMillis;
  private long last;

  private StartupPhases(long jvmStartMillis, long now) {
    this.jvmStartMillis = jvmStartMillis;
    this.last = now;
    names.add("jvm");
    millis.add(Math.max(0, now - jvmStartMillis));
  }

  /** Starts timing now; the JVM's own start-up is the first phase. */
  static StartupPhases begin() {
    long now = System.currentTimeMillis();
    return new StartupPhases(ManagementFactory.getRuntimeMXBean().getStartTime(), now);
  }

  /** Ends the phase {@code name} now. */
  void end(String name) {
    long now = System.currentTimeMillis();
    names.add(name);
    millis.add(now - last);
    last = now;
  }

  /** {@code started in 812 ms: jvm 95, settings 12, …}. */
  @Override
  public String toString() {
    StringBuilder out =
        new StringBuilder("started in ").append(last - jvmStartMillis).append(" ms:");
    for (int i = 0; i < names.size(); i++) {
      out.append(i == 0 ? " " : ", ").append(names.get(i)).append(' ').append(millis.get(i));
    }
    return out.toString();
  }
}
