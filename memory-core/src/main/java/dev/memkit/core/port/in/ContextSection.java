package dev.memkit.core.port.in;

import java.util.Locale;

/**
 * The sections of a context block, in the order they are filled when the budget is short: state
 * first, then goals, then memories relevant to the query, then recent memories. In the block they
 * appear in the same order.
 */
public enum ContextSection {
  /** {@code # State:} one line per state entry, in key order. */
  STATE("# State:"),
  /** {@code # Goals:} active goals, oldest first. */
  GOALS("# Goals:"),
  /**
   * {@code # Relevant Memory:} the best search hits for the query, best first (only with a query).
   */
  RELEVANT("# Relevant Memory:"),
  /** {@code # Recent Memory:} the newest memories not already shown, newest first. */
  RECENT("# Recent Memory:");

  private final String heading;

  ContextSection(String heading) {
    this.heading = heading;
  }

  /** The heading line, e.g. {@code # State:}. */
  public String heading() {
    return heading;
  }

  /** Parses a section name such as {@code state} or {@code recent}, ignoring case. */
  public static ContextSection parse(String text) {
    for (ContextSection section : values()) {
      if (section.name().equalsIgnoreCase(text.trim())) {
        return section;
      }
    }
    throw new dev.memkit.core.error.ValidationException(
        "sections", "must name sections among state, goals, relevant, recent: '" + text + "'");
  }

  /** The name as written in requests, e.g. {@code state}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
