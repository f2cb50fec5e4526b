package dev.memkit.store.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What the store logs while a test runs: attach before, detach after. */
final class CapturedLog extends Handler {
  private static final Logger STORE_LOG = Logger.getLogger("dev.memkit.store.sqlite");
  private final List<LogRecord> records = new ArrayList<>();

  /** Starts capturing the store's log. */
  static CapturedLog attach() {
    CapturedLog log = new CapturedLog();
    STORE_LOG.addHandler(log);
    return log;
  }

  /** Stops capturing. */
  void detach() {
    STORE_LOG.removeHandler(this);
  }

  /** Everything logged so far. */
  List<LogRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /** The messages logged at {@code level}. */
  List<String> messages(Level level) {
    return records().stream()
        .filter(r -> r.getLevel() == level)
        .map(LogRecord::getMessage)
        .toList();
  }

  @Override
  public void publish(LogRecord record) {
    synchronized (records) {
      records.add(record);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
