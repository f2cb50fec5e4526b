package dev.memkit.core.store.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What puts a unit of work's changes back, newest first. A store may keep it after the unit ended,
 * to undo the unit should its record fail to reach the disk (always under the engine's write lock).
 */
public final class UndoLog {
  private final Deque<Runnable> steps = new ArrayDeque<>();
  private boolean ended;

  /** A log for a unit of work; starts empty. */
  public UndoLog() {}

  /** A log of one step, for a change made outside a unit of work (a restore). */
  public static UndoLog of(Runnable step) {
    UndoLog log = new UndoLog();
    log.steps.push(step);
    log.ended = true;
    return log;
  }

  /** Checks that the unit may still change something. */
  void check() {
    if (ended) {
      throw new IllegalStateException("the unit of work has ended");
    }
  }

  /** Records how to undo the change just made. */
  void push(Runnable step) {
    check();
    steps.push(step);
  }

  /** Ends the unit: no change may be added from now on. */
  void end() {
    ended = true;
  }

  /** Undoes every change recorded, newest first, and forgets them. */
  public void undoAll() {
    ended = true;
    while (!steps.isEmpty()) {
      steps.pop().run();
    }
  }
}
