package dev.memkit.core.model;

/**
 * Who made a change, as the audit log records it: an API key's id ({@code key:ops}), {@code cli},
 * {@code mcp} or {@code embedded}. Never a secret.
 */
public record Actor(String value) {
  /** The actor of calls made by an embedding program. */
  public static final Actor EMBEDDED = new Actor("embedded");

  /** The actor of the command line. */
  public static final Actor CLI = new Actor("cli");

  /** The actor of the MCP server on standard input and output ({@code memkit mcp}). */
  public static final Actor MCP = new Actor("mcp");

  /** Rejects a blank name, one over 128 characters or one with control characters. */
  public Actor {
    Limits.text(value, "actor", Limits.ACTOR_MAX_CHARS);
    Limits.require(
        value.codePoints().noneMatch(Character::isISOControl),
        "actor",
        "must not contain control characters");
  }

  /** Returns the actor {@code value}. */
  public static Actor of(String value) {
    return new Actor(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
