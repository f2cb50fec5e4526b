package dev.memkit.agent;

import dev.memkit.core.Space;

/**
 * The base of a framework adapter's tool class: it holds one namespace's {@link AgentTools}, so a
 * subclass only declares the tools ({@link ToolText#NAMES}) as methods with its framework's
 * annotations, each calling the {@link AgentTools} method of the same name. The behaviour, the
 * defaults and the wording stay in {@link AgentTools} and {@link ToolText}.
 *
 * <p>Frameworks find tool methods among the subclass's own declared methods, so nothing of this
 * class becomes a tool.
 */
public abstract class AgentToolMethods {
  private final AgentTools tools;

  /** Tools over {@code space}'s namespace. */
  protected AgentToolMethods(Space space) {
    this.tools = AgentTools.of(space);
  }

  /** The framework-neutral tools the annotated methods call. */
  protected final AgentTools tools() {
    return tools;
  }

  /** The namespace the tools act on. */
  public final Space space() {
    return tools.space();
  }
}
